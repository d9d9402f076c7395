/**
 * The region editor's mask rules in Node: the brush capsule against hand-counted pixels, the
 * eraser, invert/clear, undo/redo through patches, brush size steps, click-select joins, and the
 * keyboard map.
 */
import { describe, expect, it } from "vitest";
import { MaskEditorModel, BRUSH_SIZE } from "../../../src/ui/editor/mask-editor-model";
import { combineMask, maskFingerprint, paintSegment } from "../../../src/ui/editor/mask-raster";
import { commandForKey } from "../../../src/ui/editor/editor-keys";
import { fitView, screenToMask, zoomAt } from "../../../src/ui/editor/view-transform";

const rows = (data: Uint8Array, w: number) => Array.from({ length: data.length / w }, (_, y) => Array.from(data.subarray(y * w, y * w + w), (v) => (v ? "#" : ".")).join(""));

describe("paintSegment", () => {
  it("a dot of radius 1 is the 5-pixel cross (distance ≤ 1 from the snapped centre)", () => {
    const mask = { width: 5, height: 5, data: new Uint8Array(25) };
    paintSegment(mask, { x: 2.7, y: 2.2 }, { x: 2.7, y: 2.2 }, 1, 255);
    expect(rows(mask.data, 5)).toEqual([".....", "..#..", ".###.", "..#..", "....."]);
  });

  it("a horizontal capsule of radius 1 from (1,2) to (5,2): 3 rows, round ends", () => {
    const mask = { width: 7, height: 5, data: new Uint8Array(35) };
    const rect = paintSegment(mask, { x: 1, y: 2 }, { x: 5, y: 2 }, 1, 255);
    expect(rows(mask.data, 7)).toEqual([".......", ".#####.", "#######", ".#####.", "......."]);
    expect(rect).toEqual({ x: 0, y: 1, width: 7, height: 3 });
    expect(maskFingerprint(mask).count).toBe(17);
  });

  it("radius 2 disc has 13 pixels; the eraser writes 0; edges clip", () => {
    const mask = { width: 9, height: 9, data: new Uint8Array(81) };
    paintSegment(mask, { x: 4, y: 4 }, { x: 4, y: 4 }, 2, 255);
    expect(maskFingerprint(mask).count).toBe(13);
    paintSegment(mask, { x: 4, y: 4 }, { x: 4, y: 4 }, 1, 0);
    expect(maskFingerprint(mask).count).toBe(8);
    const corner = { width: 4, height: 4, data: new Uint8Array(16) };
    paintSegment(corner, { x: 0, y: 0 }, { x: 0, y: 0 }, 2, 255);
    expect(maskFingerprint(corner).count).toBe(6); // the quarter disc (0,0),(1,0),(2,0),(0,1),(1,1),(0,2)
  });
});

describe("MaskEditorModel", () => {
  it("stroke, erase, invert, undo, redo: each step is the expected raster", () => {
    const m = new MaskEditorModel(20, 10);
    m.setBrushSize(4); // radius 2
    m.strokeStart({ x: 3, y: 5 });
    m.strokeTo({ x: 16, y: 5 });
    m.strokeEnd();
    const stroke = maskFingerprint(m.mask);
    // Hand count: rows 3 and 7 are x 3..16 (14), rows 4..6 are x 2..17 with … radius 2: row ±2 → 14, ±1 → 16 (x 2..17 … |dx|≤√3), 0 → 18.
    expect(stroke.count).toBe(14 + 16 + 18 + 16 + 14);
    m.setTool("eraser");
    m.setBrushSize(2); // radius 1
    m.strokeStart({ x: 10, y: 0 });
    m.strokeTo({ x: 10, y: 9 });
    m.strokeEnd();
    expect(maskFingerprint(m.mask).count).toBe(stroke.count - 5 * 3); // a 3-px wide column through 5 painted rows
    const erased = maskFingerprint(m.mask);
    m.invert();
    expect(maskFingerprint(m.mask).count).toBe(200 - erased.count);
    const inverted = maskFingerprint(m.mask);
    m.undo();
    expect(maskFingerprint(m.mask)).toEqual(erased);
    m.undo();
    expect(maskFingerprint(m.mask)).toEqual(stroke);
    m.redo();
    m.redo();
    expect(maskFingerprint(m.mask)).toEqual(inverted);
    expect(m.canRedo).toBe(false);
    m.clear();
    expect(m.empty).toBe(true);
    m.undo();
    expect(maskFingerprint(m.mask)).toEqual(inverted);
  });

  it("a new edit drops the redo stack; an edit that changes nothing is not recorded", () => {
    const m = new MaskEditorModel(8, 8);
    m.strokeStart({ x: 1, y: 1 });
    m.strokeEnd();
    m.undo();
    expect(m.canRedo).toBe(true);
    m.setTool("eraser");
    m.strokeStart({ x: 1, y: 1 }); // erasing nothing
    m.strokeEnd();
    expect(m.canRedo).toBe(true);
    m.invert();
    expect(m.canRedo).toBe(false);
  });

  it("starts from a given mask; [ and ] step the brush size within its limits", () => {
    const start = new Uint8Array(16).fill(255);
    const m = new MaskEditorModel(4, 4, start);
    expect(m.empty).toBe(false);
    expect(() => new MaskEditorModel(4, 4, new Uint8Array(3))).toThrow(/4×4 mask needs 16/);
    m.setBrushSize(10);
    m.stepBrushSize(1);
    expect(m.brushSize).toBe(13); // 12.5 rounds to 13
    m.stepBrushSize(-1);
    expect(m.brushSize).toBe(10);
    m.setBrushSize(1);
    expect(m.brushSize).toBe(BRUSH_SIZE.min);
    for (let i = 0; i < 60; i++) m.stepBrushSize(1);
    expect(m.brushSize).toBe(BRUSH_SIZE.max);
  });

  it("a click-select result adds to the mask or is cut out of it, undoably", () => {
    const m = new MaskEditorModel(4, 1, new Uint8Array([255, 255, 0, 0]));
    const sel = { width: 4, height: 1, data: new Uint8Array([0, 255, 255, 0]) };
    m.applySelection(sel, "add");
    expect(Array.from(m.mask.data)).toEqual([255, 255, 255, 0]);
    m.applySelection(sel, "subtract");
    expect(Array.from(m.mask.data)).toEqual([255, 0, 0, 0]);
    m.undo();
    expect(Array.from(m.mask.data)).toEqual([255, 255, 255, 0]);
    expect(() => combineMask(m.mask, { width: 2, height: 2, data: new Uint8Array(4) }, "add")).toThrow(/2×2/);
  });
});

describe("keyboard map and view", () => {
  const key = (k: string, mods: Partial<KeyboardEvent> = {}) => commandForKey({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, target: null, ...mods });
  it("reaches every tool and action", () => {
    expect(key("b")).toEqual({ kind: "tool", tool: "brush" });
    expect(key("E")).toEqual({ kind: "tool", tool: "eraser" });
    expect(key("s")).toEqual({ kind: "tool", tool: "select" });
    expect(key("[")).toEqual({ kind: "size", direction: -1 });
    expect(key("]")).toEqual({ kind: "size", direction: 1 });
    expect(key("i")).toEqual({ kind: "invert" });
    expect(key("Delete")).toEqual({ kind: "clear" });
    expect(key("z", { ctrlKey: true })).toEqual({ kind: "undo" });
    expect(key("Z", { metaKey: true, shiftKey: true })).toEqual({ kind: "redo" });
    expect(key("y", { ctrlKey: true })).toEqual({ kind: "redo" });
    expect(key("Escape")).toEqual({ kind: "cancel" });
    expect(key("0")).toEqual({ kind: "fit" });
    expect(key("1")).toEqual({ kind: "actual-size" });
    expect(key("+")).toEqual({ kind: "zoom", direction: 1 });
    expect(key("ArrowLeft")).toEqual({ kind: "pan", dx: 48, dy: 0 });
    expect(key("b", { ctrlKey: true })).toBeNull();
  });

  it("fits, zooms about a point and maps screen px to mask px", () => {
    const v = fitView(960, 640, 500, 400, 10);
    expect(v.zoom).toBeCloseTo(480 / 960);
    expect(screenToMask(v, v.panX + 240, v.panY + 160)).toEqual({ x: 480, y: 320 });
    const z = zoomAt({ zoom: 1, panX: 0, panY: 0 }, 2, 100, 50);
    expect(z).toEqual({ zoom: 2, panX: -100, panY: -50 });
    expect(screenToMask(z, 100, 50)).toEqual({ x: 100, y: 50 });
  });
});
