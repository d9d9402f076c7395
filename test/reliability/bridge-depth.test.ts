/** The playground's fake bridge refuses absurd nesting with a sentence instead of overflowing its stack. */
import { describe, expect, it } from "vitest";
import { BridgeCloneError, cloneAcrossBridge, createFakeBridge, MAX_BRIDGE_DEPTH } from "../../src/playground/fake-express/bridge";

function nested(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe("fake bridge nesting", () => {
  it("refuses 100,000 levels with BridgeCloneError, not a RangeError", () => {
    expect(() => cloneAcrossBridge(nested(100_000))).toThrow(BridgeCloneError);
  });

  it("says what to do in one sentence with a short path", () => {
    const error = (() => {
      try {
        cloneAcrossBridge({ record: nested(5000) });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toMatch(/^value\.record\[0\]\[0\].*… is nested more than 1536 levels deep, which cannot cross the bridge: send flatter data\.$/);
    expect(error!.message.length).toBeLessThan(200);
  });

  it("copies the deepest value a 3 KB addOnData text can hold", () => {
    const deepest = JSON.parse("[".repeat(MAX_BRIDGE_DEPTH) + "]".repeat(MAX_BRIDGE_DEPTH));
    expect(JSON.stringify(cloneAcrossBridge(deepest)).length).toBe(2 * MAX_BRIDGE_DEPTH);
  });

  it("rejects the call through the bridge proxy and the bridge keeps working", async () => {
    const { sandboxRuntime, panelRuntime } = createFakeBridge();
    sandboxRuntime.exposeApi({ echo: (v: unknown) => v });
    const proxy = await panelRuntime.apiProxy<{ echo(v: unknown): unknown }>("documentSandbox");
    await expect(proxy.echo(nested(10_000))).rejects.toThrow(BridgeCloneError);
    await expect(proxy.echo({ ok: 1 })).resolves.toEqual({ ok: 1 });
  });
});
