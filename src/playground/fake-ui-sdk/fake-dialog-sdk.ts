/**
 * The part of Adobe's UI SDK the region editor uses, played by the playground page:
 *   app.showModalDialog({ variant: "custom", title, src, size })  → an overlay with an iframe of `src`
 *   instance.clientStorage (getItem/setItem/removeItem/keys)      → values structured-cloned, 10 MB cap
 *   instance.runtime.dialog.close(result) inside the dialog page  → resolves the opener's promise
 * with the SDK's CustomDialogResult shape ({ type: "custom", buttonType, result }). As in Express,
 * the dialog page gets no data from the opener except through clientStorage, values cross as
 * structured clones (never shared objects), only one dialog is open at a time, and Escape or the
 * X button closes it without a result. The dialog page finds its runtime at
 * `window.parent.fakeAddOnDialogRuntime` (see src/playground/editor-main.tsx).
 */
import type { DialogSdk } from "../../ui/editor/open-region-editor";

/** Adobe's "Store Data" guide: up to 10 MB per add-on. */
export const CLIENT_STORAGE_LIMIT_BYTES = 10 * 1024 * 1024;

export interface FakeDialogRuntime {
  clientStorage: { getItem(key: string): Promise<unknown> };
  runtime: { type: "dialog"; dialog: { close(result?: unknown): void } };
}

declare global {
  interface Window {
    fakeAddOnDialogRuntime?: FakeDialogRuntime;
  }
}

export interface CustomDialogAnswer {
  type: "custom";
  /** "close": dismissed by Escape or X. A dialog that closed itself reports "primary" (what Express sends is not documented). */
  buttonType: "primary" | "close";
  result: unknown;
}

function sizeOf(value: unknown, depth = 0): number {
  if (depth > 8 || value === null || value === undefined) return 8;
  if (typeof value === "string") return value.length * 2;
  if (typeof value !== "object") return 8;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (value instanceof ArrayBuffer) return value.byteLength;
  return Object.entries(value).reduce((sum, [k, v]) => sum + k.length * 2 + sizeOf(v, depth + 1), 0);
}

export class FakeDialogSdk implements DialogSdk {
  private readonly storage = new Map<string, unknown>();
  private open = false;
  /** Sizes the playground dialog was asked for, newest last (tests read it). */
  readonly requests: { title: string; src: string; size?: { width: number; height: number } }[] = [];

  constructor(private readonly host: HTMLElement = document.body, private readonly baseUrl: string = document.baseURI) {}

  readonly instance = {
    clientStorage: {
      getItem: async (key: string): Promise<unknown> => structuredClone(this.storage.get(key)),
      setItem: async (key: string, value: unknown): Promise<void> => {
        const others = [...this.storage].filter(([k]) => k !== key).reduce((sum, [, v]) => sum + sizeOf(v), 0);
        if (others + sizeOf(value) > CLIENT_STORAGE_LIMIT_BYTES) throw new Error("clientStorage: the add-on's 10 MB storage quota would be exceeded.");
        this.storage.set(key, structuredClone(value));
      },
      removeItem: async (key: string): Promise<void> => void this.storage.delete(key),
      keys: async (): Promise<string[]> => [...this.storage.keys()],
    },
  };

  readonly app = {
    showModalDialog: (options: { variant: "custom"; title: string; src: string; size?: { width: number; height: number } }): Promise<CustomDialogAnswer> => this.show(options),
  };

  private show(options: { variant: "custom"; title: string; src: string; size?: { width: number; height: number } }): Promise<CustomDialogAnswer> {
    if (options.variant !== "custom") return Promise.reject(new Error(`showModalDialog: the playground only plays the "custom" variant, not "${options.variant}".`));
    if (typeof options.title !== "string" || typeof options.src !== "string") return Promise.reject(new Error("showModalDialog: custom dialogs need a title and a src."));
    if (this.open) return Promise.reject(new Error("showModalDialog: a dialog is already open."));
    this.open = true;
    this.requests.push({ title: options.title, src: options.src, size: options.size });
    return new Promise((resolve) => {
      const backdrop = document.createElement("div");
      backdrop.className = "fake-dialog-backdrop";
      backdrop.setAttribute("data-testid", "fake-dialog");
      Object.assign(backdrop.style, { position: "fixed", inset: "0", background: "rgba(0,0,0,0.45)", zIndex: "2000" });
      const box = document.createElement("section");
      box.setAttribute("role", "dialog");
      box.setAttribute("aria-modal", "true");
      box.setAttribute("aria-label", options.title);
      const width = Math.min(options.size?.width ?? 640, Math.floor(window.innerWidth * 0.95));
      const height = Math.min(options.size?.height ?? 480, Math.floor(window.innerHeight * 0.95));
      // Whole-pixel placement: at 100 % zoom every mask pixel then sits on one screen pixel.
      const left = Math.max(0, Math.round((window.innerWidth - width) / 2));
      const top = Math.max(0, Math.round((window.innerHeight - height - 44) / 2));
      Object.assign(box.style, { position: "absolute", left: `${left}px`, top: `${top}px`, width: `${width}px`, height: `${height + 44}px`, background: "#fff", borderRadius: "12px", overflow: "hidden", display: "flex", flexDirection: "column", boxShadow: "0 8px 32px rgba(0,0,0,.35)" });
      const bar = document.createElement("header");
      Object.assign(bar.style, { height: "44px", display: "flex", alignItems: "center", justifyContent: "space-between", padding: "0 12px", font: "600 15px system-ui, sans-serif" });
      const heading = document.createElement("span");
      heading.textContent = options.title;
      const x = document.createElement("button");
      x.type = "button";
      x.textContent = "×";
      x.setAttribute("aria-label", "Close");
      x.setAttribute("data-testid", "fake-dialog-close");
      Object.assign(x.style, { font: "20px system-ui", border: "0", background: "transparent", cursor: "pointer", width: "32px", height: "32px" });
      bar.append(heading, x);
      const frame = document.createElement("iframe");
      frame.title = options.title;
      frame.setAttribute("data-testid", "fake-dialog-frame");
      Object.assign(frame.style, { border: "0", width: "100%", flex: "1 1 auto" });
      box.append(bar, frame);
      backdrop.append(box);

      const finish = (answer: CustomDialogAnswer) => {
        if (!this.open) return;
        this.open = false;
        delete window.fakeAddOnDialogRuntime;
        window.removeEventListener("keydown", onKey, true);
        backdrop.remove();
        resolve(answer);
      };
      const onKey = (e: KeyboardEvent) => {
        if (e.key === "Escape") finish({ type: "custom", buttonType: "close", result: undefined });
      };
      x.addEventListener("click", () => finish({ type: "custom", buttonType: "close", result: undefined }));
      window.addEventListener("keydown", onKey, true);
      window.fakeAddOnDialogRuntime = {
        clientStorage: { getItem: (key) => this.instance.clientStorage.getItem(key) },
        runtime: {
          type: "dialog",
          dialog: { close: (result?: unknown) => finish({ type: "custom", buttonType: "primary", result: structuredClone(result) }) },
        },
      };
      this.host.append(backdrop);
      frame.src = new URL(options.src, this.baseUrl).href;
      frame.addEventListener("load", () => frame.focus(), { once: true });
    });
  }
}
