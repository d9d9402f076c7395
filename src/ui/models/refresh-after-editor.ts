/**
 * The region editor downloads SlimSAM itself the first time click-to-select is used (its own page,
 * the same model cache). The Models list lists SlimSAM too, so it reads the cache again when the
 * editor closes: the row then says "on this device" without a panel reload.
 */
import type { RegionEditorLauncher } from "../editor/open-region-editor";

export function refreshingAfterEditor(launcher: RegionEditorLauncher, refresh: () => Promise<void>): RegionEditorLauncher {
  return {
    kind: launcher.kind,
    async open(input) {
      try {
        return await launcher.open(input);
      } finally {
        void refresh().catch((error: unknown) => console.warn("Model cache could not be read:", error));
      }
    },
  };
}
