/**
 * The fake document must catch the platform mistakes the sandbox code is written to avoid;
 * otherwise the large-document runs in insert-layer.test.ts would prove nothing.
 */
import { describe, expect, it } from "vitest";
import { createFakeBridge, FAKE_CONSTANTS, FakeDocument } from "../../src/playground/fake-express";
import type { MediaContainerSurface, NodeSurface } from "../../src/sandbox/express-surface";
import { pngOfSize } from "./harness";

function docWithImage(large: boolean) {
  const doc = new FakeDocument();
  doc.largeDocumentMode = large;
  const page = doc.build.page({ width: 500, height: 500 });
  const img = doc.build.image(page.artboard, { width: 100, height: 50, x: 10, y: 10 });
  doc.select(img);
  return { doc, img, ab: page.artboard };
}

describe("fake Express: large-document rules", () => {
  it("a node reference used after an await throws 'Stale node reference' (and only in large-document mode)", async () => {
    for (const large of [false, true]) {
      const { doc } = docWithImage(large);
      const node = doc.editor.context.selection[0];
      const id = node.id;
      expect(node.rotation).toBe(0); // fine within the frame
      await Promise.resolve();
      if (large) expect(() => node.rotation).toThrow(/Stale node reference/);
      else expect(node.rotation).toBe(0);
      // A fresh lookup after the await is fine.
      expect(doc.editor.context.selection[0].id).toBe(id);
    }
  });

  it("keepContentActiveDuringAsync keeps the held subtree usable across its async lambda", async () => {
    const { doc } = docWithImage(true);
    const node = doc.editor.context.selection[0];
    const id = node.id;
    let seenInside = "";
    let seenAfter = "";
    await doc.editor.keepContentActiveDuringAsync(
      node,
      async () => {
        await new Promise((r) => setTimeout(r, 1));
        seenInside = node.id;
      },
      () => {
        seenAfter = node.id;
      },
    );
    expect([seenInside, seenAfter]).toEqual([id, id]);
    await Promise.resolve();
    expect(() => node.id).toThrow(/Stale node reference/);
  });

  it("an edit after async work outside keepContentActiveDuringAsync's callback is refused", async () => {
    const { doc } = docWithImage(true);
    doc.beginOperation();
    await doc.editor.loadBitmapImage(new Blob([pngOfSize(4, 4)]));
    const fresh = doc.editor.context.selection[0];
    expect(() => (fresh.opacity = 0.5)).toThrow(/outside keepContentActiveDuringAsync/);
    await doc.editor.keepContentActiveDuringAsync(doc.editor.context.currentPage, async () => undefined, () => {
      doc.editor.context.selection[0].opacity = 0.5;
    });
    expect(doc.selection[0].opacity).toBe(0.5);
  });

  it("a careless insert (source read before `await loadBitmapImage`, used after) fails; the same steps done right pass", async () => {
    const careless = async (doc: FakeDocument) => {
      const source = doc.editor.context.selection[0] as MediaContainerSurface;
      const bitmap = await doc.editor.loadBitmapImage(new Blob([pngOfSize(100, 50)]));
      await doc.editor.keepContentActiveDuringAsync(doc.editor.context.currentPage, async () => undefined, () => {
        const layer = doc.editor.createImageContainer(bitmap, { initialSize: { width: 100, height: 50 } });
        (source.parent as unknown as { children: { insertAfter(a: NodeSurface, b: NodeSurface): void } }).children.insertAfter(layer, source);
      });
    };
    const large = docWithImage(true);
    large.doc.beginOperation();
    await expect(careless(large.doc)).rejects.toThrow(/Stale node reference/);
    expect(large.ab.children).toHaveLength(1);
    const small = docWithImage(false);
    await careless(small.doc);
    expect(small.ab.children).toHaveLength(2);
  });
});

describe("fake Express: undo steps, quota, bridge", () => {
  it("edits in one frame are one undo step; edits split by an await are two", async () => {
    const { doc } = docWithImage(false);
    const n = doc.editor.context.selection[0];
    n.opacity = 0.9;
    n.setRotationInParent(10, { x: 0, y: 0 });
    await Promise.resolve();
    expect(doc.undoStepCount).toBe(1);
    doc.editor.context.selection[0].opacity = 0.8;
    await Promise.resolve();
    expect(doc.undoStepCount).toBe(2);
  });

  it("addOnData enforces Express's 3 KB quota", () => {
    const { doc } = docWithImage(false);
    const data = doc.editor.context.selection[0].addOnData;
    expect(data.remainingQuota).toEqual({ sizeInBytes: 3072, numKeys: 20 });
    expect(() => data.setItem("k", "x".repeat(3100))).toThrow(/quota/);
    data.setItem("k", "v");
    expect(data.remainingQuota).toEqual({ sizeInBytes: 3070, numKeys: 19 });
  });

  it("the bridge refuses typed arrays, functions and class instances, and drops custom error names", async () => {
    const bridge = createFakeBridge();
    class MyError extends Error {
      override name = "MyError";
    }
    bridge.sandboxRuntime.exposeApi({
      echo: (v: unknown) => v,
      fail: () => {
        throw new MyError("boom");
      },
    });
    const api = await bridge.panelRuntime.apiProxy<{ echo(v: unknown): unknown; fail(): void }>("documentSandbox");
    await expect(api.echo(new Uint8Array(4))).rejects.toThrow(/Uint8Array instance/);
    await expect(api.echo({ f: () => 1 })).rejects.toThrow(/function/);
    await expect(api.echo(new Map())).rejects.toThrow(/Map instance/);
    expect(await api.echo({ a: [1, "x", null], b: new ArrayBuffer(2) })).toEqual({ a: [1, "x", null], b: new ArrayBuffer(2) });
    const error = await api.fail().catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe("boom");
    expect((error as Error).name).toBe("Error");
  });

  it("fake constants are distinct from the SDK's literal values where the SDK says not to rely on them", () => {
    expect(FAKE_CONSTANTS.FillRule.evenOdd).not.toBe(1);
  });
});
