/**
 * The panel side of the region editor: open it in an Express custom dialog when the host can,
 * otherwise inside the panel, and get the mask back.
 *
 * `DialogSdk` is the part of Adobe's UI SDK this needs (app.showModalDialog, instance.clientStorage),
 * so Express's real `addOnUISdk` and the playground's fake (src/playground/fake-ui-sdk) are used by
 * the same code.
 */
import {
  parseRegionEditorResult,
  REGION_EDITOR_DIALOG_SIZE,
  REGION_EDITOR_INPUT_KEY,
  REGION_EDITOR_PAGE,
  type RegionEditorInput,
  type RegionEditorResult,
} from "../../contract/region-editor";

export interface RegionEditorLauncher {
  /** Where the editor opens, for the panel's wording and tests. */
  readonly kind: "dialog" | "in-panel";
  open(input: RegionEditorInput): Promise<RegionEditorResult>;
}

export interface DialogSdk {
  app: {
    showModalDialog(options: { variant: "custom"; title: string; src: string; size?: { width: number; height: number } }): Promise<{ result?: unknown }>;
  };
  instance: {
    clientStorage: {
      setItem(key: string, value: unknown): Promise<void>;
      removeItem(key: string): Promise<void>;
    };
  };
}

/**
 * Opens the editor page as a custom modal dialog. When the host refuses (no dialog support, the
 * input over clientStorage's quota), the same input opens in `fallback` instead.
 */
export function dialogLauncher(sdk: DialogSdk, fallback: RegionEditorLauncher): RegionEditorLauncher {
  return {
    kind: "dialog",
    async open(input) {
      try {
        await sdk.instance.clientStorage.setItem(REGION_EDITOR_INPUT_KEY, input);
      } catch (error) {
        console.warn("The region editor's picture did not fit the add-on storage; editing in the panel instead.", error);
        return fallback.open(input);
      }
      try {
        const answer = await sdk.app.showModalDialog({ variant: "custom", title: input.title, src: REGION_EDITOR_PAGE, size: { ...REGION_EDITOR_DIALOG_SIZE } });
        return parseRegionEditorResult(answer?.result, input.sessionId);
      } catch (error) {
        console.warn("Express did not open the region editor dialog; editing in the panel instead.", error);
        return fallback.open(input);
      } finally {
        await sdk.instance.clientStorage.removeItem(REGION_EDITOR_INPUT_KEY).catch(() => undefined);
      }
    },
  };
}
