/**
 * A fake of Express's panel ↔ sandbox bridge (runtime.exposeApi / runtime.apiProxy). Every call
 * is asynchronous and its arguments and result are copied, accepting only what the contract
 * allows (primitives, plain objects, arrays, ArrayBuffer, Blob, Error): anything else throws, as
 * a class instance or function would fail or arrive mangled in Express. Errors lose custom names,
 * like a structured clone does.
 */
import type { Remote } from "../../contract/bridge-safe";
import type { SandboxRuntime } from "../../sandbox/expose";

export class BridgeCloneError extends Error {
  override readonly name = "BridgeCloneError";
}

export interface FakePanelRuntime {
  exposeApi<T extends object>(api: T): void;
  apiProxy<T>(runtimeType: "documentSandbox"): Promise<Remote<T>>;
}

export interface FakeBridge {
  /** Pass to exposeSandboxApi. */
  sandboxRuntime: SandboxRuntime;
  /** What the panel would use. */
  panelRuntime: FakePanelRuntime;
}

/**
 * Deepest nesting the fake copies: 1536 levels, what a 3 KB text (the SDK's addOnData quota,
 * `remainingQuota.sizeInBytes`, "maximum 3KB") can hold at two characters per level. Anything
 * deeper is no data this add-on sends; a real structured clone overflows its stack on it
 * (RangeError), so the fake refuses it with a sentence instead of crashing the page.
 */
export const MAX_BRIDGE_DEPTH = 1536;

function shortPath(path: string): string {
  return path.length > 60 ? `${path.slice(0, 60)}…` : path;
}

export function cloneAcrossBridge(value: unknown, path = "value", depth = 0): unknown {
  if (value === null || value === undefined) return value;
  if (depth > MAX_BRIDGE_DEPTH) {
    throw new BridgeCloneError(`${shortPath(path)} is nested more than ${MAX_BRIDGE_DEPTH} levels deep, which cannot cross the bridge: send flatter data.`);
  }
  const t = typeof value;
  if (t === "string" || t === "number" || t === "boolean" || t === "bigint") return value;
  if (t === "function" || t === "symbol") throw new BridgeCloneError(`${path} is a ${t}, which cannot cross the bridge.`);
  if (value instanceof ArrayBuffer) return value.slice(0);
  if (typeof Blob !== "undefined" && value instanceof Blob) return value; // immutable: sharing is a faithful copy
  if (value instanceof Error) {
    const copy = new Error(value.message);
    copy.stack = value.stack;
    return copy; // a structured clone keeps only standard error names
  }
  if (Array.isArray(value)) return value.map((v, i) => cloneAcrossBridge(v, `${path}[${i}]`, depth + 1));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    throw new BridgeCloneError(`${path} is a ${proto?.constructor?.name ?? "class"} instance, which cannot cross the bridge.`);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = cloneAcrossBridge(v, `${path}.${k}`, depth + 1);
  return out;
}

interface Slot {
  api?: object;
  ready: Promise<object>;
  resolve(api: object): void;
}

function slot(): Slot {
  let resolve!: (api: object) => void;
  const ready = new Promise<object>((r) => (resolve = r));
  const s: Slot = { ready, resolve: (api) => ((s.api = api), resolve(api)) };
  return s;
}

function proxyFor(target: Slot, beforeCall?: () => void): Record<string, (...args: unknown[]) => Promise<unknown>> {
  return new Proxy({} as Record<string, (...args: unknown[]) => Promise<unknown>>, {
    get(_t, prop) {
      if (typeof prop !== "string" || prop === "then") return undefined; // not a thenable
      return async (...args: unknown[]) => {
        const copied = cloneAcrossBridge(args, `${prop} arguments`) as unknown[];
        const api = (await target.ready) as Record<string, unknown>;
        await new Promise((r) => setTimeout(r, 0)); // a message: a new task on the other side
        const method = api[prop];
        if (typeof method !== "function") throw new Error(`The other runtime exposes no method "${prop}".`);
        beforeCall?.();
        let result: unknown;
        try {
          result = await method.apply(api, copied);
        } catch (error) {
          throw cloneAcrossBridge(error, `${prop} error`);
        }
        return cloneAcrossBridge(result, `${prop} result`);
      };
    },
  });
}

/** `onSandboxCall` runs as each panel → sandbox call starts (FakeDocument.beginOperation). */
export function createFakeBridge(options: { onSandboxCall?: () => void } = {}): FakeBridge {
  const sandboxSide = slot();
  const panelSide = slot();
  const sandboxRuntime = {
    exposeApi(api: unknown) {
      if (!sandboxSide.api) sandboxSide.resolve(api as object); // Express ignores later calls
    },
    apiProxy(runtimeType: string) {
      if (runtimeType !== "panel") return Promise.reject(new Error(`Fake bridge: no runtime "${runtimeType}".`));
      return Promise.resolve(proxyFor(panelSide));
    },
  } as unknown as SandboxRuntime;
  const panelRuntime: FakePanelRuntime = {
    exposeApi(api) {
      if (!panelSide.api) panelSide.resolve(api);
    },
    apiProxy<T>(runtimeType: "documentSandbox") {
      if (runtimeType !== "documentSandbox") return Promise.reject(new Error(`Fake bridge: no runtime "${runtimeType}".`));
      return Promise.resolve(proxyFor(sandboxSide, options.onSandboxCall) as unknown as Remote<T>);
    },
  };
  return { sandboxRuntime, panelRuntime };
}
