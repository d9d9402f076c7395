/**
 * Issue 15: the source notes' exact texts, and where the source's pixels come from with what
 * alpha (obtainSource), driven by selection summaries as the sandbox sends them. Renditions are
 * replaced by functions returning known pixels (Node has no canvas); the browser test runs the
 * real capture against the playground.
 */
import { describe, expect, it } from "vitest";
import type { Backdrop, ImageSelection, ImageWithMaskSelection, OverlapItem } from "../../src/contract";
import { alphaMean, type RgbaImage } from "../../src/imaging";
import { boxMaskNote, overlapNote, transparencyNote, workingNote } from "../../src/ui/components/source-notes-text";
import type { CaptureRequest, RenditionCapture } from "../../src/ui/flow/capture-source";
import { obtainSource } from "../../src/ui/flow/obtain-source";
import type { PanelHost } from "../../src/ui/host/panel-host";
import { memoryKeyValueStore } from "../../src/ui/storage/key-value-store";
import { createKeptPixelsStore } from "../../src/ui/storage/kept-pixels-store";
import { page } from "./selection-fixtures";

const WHITE: Backdrop = { type: "color", red: 1, green: 1, blue: 1, alpha: 1 };
const item = (kind: string): OverlapItem => ({ nodeId: kind, kind, boundsOnPage: { x: 0, y: 0, width: 1, height: 1 } });

function image(options: { above?: OverlapItem[]; below?: OverlapItem[]; backdrop?: Backdrop; generation?: boolean; width?: number } = {}): ImageSelection {
  const width = options.width ?? 200;
  return {
    type: "image",
    revision: 1,
    page: { ...page, backdrop: options.backdrop ?? WHITE, sceneIndex: 0, sceneCount: 1 },
    image: {
      nodeId: "img",
      width,
      height: 100,
      transform: [1, 0, 0, 1, 10, 10],
      boundsOnPage: { x: 10, y: 10, width, height: 100 },
      uncropped: true,
      overlaps: { above: options.above ?? [], below: options.below ?? [] },
      ...(options.generation
        ? { generation: { model: "m", prompt: "p", negativePrompt: "", seed: 1, steps: 2, strength: 1, guidanceScale: 1, mode: "fill" as const, addOnVersion: "0", createdAt: "2026-01-01T00:00:00.000Z" } }
        : {}),
    },
  };
}

describe("source notes", () => {
  it("overlap: kinds counted, one line, the select-them hint; silent with exact kept pixels and for page regions", () => {
    expect(overlapNote(image({ above: [item("text")] }), false)).toBe("A text lies over this image and will be baked into the result: select it to move or hide it first.");
    expect(overlapNote(image({ above: [item("shape"), item("text"), item("shape"), item("image")] }), false)).toBe(
      "2 shapes, a text and an image lie over this image and will be baked into the result: select them to move or hide them first.",
    );
    expect(overlapNote(image({ above: [item("text")] }), true)).toBeNull();
    expect(overlapNote(image(), false)).toBeNull();
  });

  it("transparency: opaque-result warning when layers are under the image or the page fill is unknown", () => {
    expect(transparencyNote(image(), false)).toBeNull();
    expect(transparencyNote(image({ below: [item("image")] }), false)).toBe("An image under this image can't be separated from it: the result will be opaque over the image's box.");
    expect(transparencyNote(image({ backdrop: { type: "unknown" } }), false)).toBe("This page's background can't be separated from the image: the result will be opaque over the image's box.");
    expect(transparencyNote(image({ below: [item("image")] }), true)).toBeNull();
  });

  it("box masks and the working resolution", () => {
    const withStar: ImageWithMaskSelection = {
      ...image(),
      type: "image-with-mask",
      maskShapes: [{ nodeId: "s", shape: { kind: "rectangle", width: 10, height: 10 }, transform: [1, 0, 0, 1, 0, 0], outline: "box", label: "stroke shape" }],
      maskBoundsInImage: { x: 0, y: 0, width: 10, height: 10 },
    };
    expect(boxMaskNote(withStar)).toBe("Express gives no outline for the selected stroke shape, so the mask is its box.");
    expect(boxMaskNote(image())).toBeNull();
    expect(workingNote(image(), 512, null)).toBe("Working at 512×256 of this image.");
    const limited = { width: 200, height: 100, origin: "rendition" as const, alpha: "opaque" as const, persistable: true, limitedByPlatform: true };
    expect(workingNote(image(), 512, limited)).toBe("Express gave a smaller picture on this device: working at 200×100 of this image.");
  });
});

/** A rendition stand-in: `pixel(x, y)` in source px, through the request's replan when `gives` is smaller. */
function captureOf(pixel: (x: number, y: number) => [number, number, number, number], options: { gives?: number; seen?: CaptureRequest[] } = {}) {
  return async (_host: PanelHost, geometry: import("../../src/ui/flow/source-geometry").SourceGeometry, request?: CaptureRequest): Promise<RenditionCapture> => {
    options.seen?.push(request!);
    const limited = options.gives !== undefined && options.gives < geometry.pxPerUnit;
    const used = limited ? request!.replan(options.gives!) : geometry;
    const data = new Uint8ClampedArray(used.width * used.height * 4);
    for (let y = 0; y < used.height; y++) for (let x = 0; x < used.width; x++) data.set(pixel(x / used.width, y / used.height), (y * used.width + x) * 4);
    return { image: { width: used.width, height: used.height, data }, geometry: used, limitedByPlatform: limited };
  };
}

const host = (exportAllowed = true) => ({ exportAllowed: async () => exportAllowed }) as unknown as PanelHost;
/** A disc (u, v in 0–1) of orange on transparent pixels: what a transparent-background rendition of a cut-out gives. */
const disc = (u: number, v: number): [number, number, number, number] => ((u - 0.5) ** 2 * 4 + (v - 0.5) ** 2 < 0.16 ? [240, 120, 20, 255] : [0, 0, 0, 0]);
/** The same disc with the white page painted under it (Express ignored the transparent background). */
const discOnWhite = (u: number, v: number): [number, number, number, number] => (disc(u, v)[3] ? disc(u, v) : [255, 255, 255, 255]);

describe("obtainSource", () => {
  it("a transparent-background rendition: alpha recovered, RGB under it flattened over the page colour, export intent", async () => {
    const seen: CaptureRequest[] = [];
    const s = await obtainSource({ host: host(), selection: image(), maxModelSide: 512, capture: captureOf(disc, { seen }) });
    expect(seen[0]).toMatchObject({ intent: "export", backgroundColor: 0 });
    expect(s).toMatchObject({ origin: "rendition", alpha: "recovered", persistable: true, limitedByPlatform: false });
    expect(alphaMean(s.image)).toBeGreaterThan(0.2);
    expect(alphaMean(s.image)).toBeLessThan(0.4);
    expect([...s.image.data.slice(0, 4)]).toEqual([255, 255, 255, 0]); // transparent corner: white RGB for the model
  });

  it("the page background painted anyway: the white page is keyed out from the border; the same alpha results", async () => {
    const keyed = await obtainSource({ host: host(), selection: image(), maxModelSide: 512, capture: captureOf(discOnWhite) });
    const exact = await obtainSource({ host: host(), selection: image(), maxModelSide: 512, capture: captureOf(disc) });
    expect(keyed.alpha).toBe("recovered");
    expect(alphaMean(keyed.image)).toBeCloseTo(alphaMean(exact.image), 6);
  });

  it("a layer under the image: no background request, alpha forced opaque", async () => {
    const seen: CaptureRequest[] = [];
    const s = await obtainSource({ host: host(), selection: image({ below: [item("image")] }), maxModelSide: 512, capture: captureOf(disc, { seen }) });
    expect(seen[0].backgroundColor).toBeUndefined();
    expect(s.alpha).toBe("opaque");
    expect(alphaMean(s.image)).toBe(1);
  });

  it("export not allowed: preview intent, not persistable", async () => {
    const seen: CaptureRequest[] = [];
    const s = await obtainSource({ host: host(false), selection: image(), maxModelSide: 512, capture: captureOf(disc, { seen }) });
    expect(seen[0].intent).toBe("preview");
    expect(s.persistable).toBe(false);
  });

  it("a platform that renders less than asked: the plan follows what came back (no upscaling)", async () => {
    const s = await obtainSource({ host: host(), selection: image({ width: 100 }), maxModelSide: 512, capture: captureOf(disc, { gives: 1 }) });
    expect(s.limitedByPlatform).toBe(true);
    expect([s.image.width, s.image.height, s.geometry.width, s.geometry.height, s.geometry.pxPerUnit]).toEqual([100, 100, 100, 100, 1]);
  });

  it("a kept layer with stored pixels: those exact pixels, no rendition at all", async () => {
    const keptPixels = createKeptPixelsStore(memoryKeyValueStore());
    const stored: RgbaImage = { width: 400, height: 200, data: new Uint8ClampedArray(400 * 200 * 4).map((_, i) => (i % 4 === 3 ? (i % 8 === 3 ? 255 : 0) : 90)) };
    await keptPixels.put("img", stored);
    const noRendition = async (): Promise<RenditionCapture> => {
      throw new Error("rendered");
    };
    const s = await obtainSource({ host: host(), selection: image({ generation: true, above: [item("text")] }), maxModelSide: 512, capture: noRendition, keptPixels });
    expect(s).toMatchObject({ origin: "kept-pixels", alpha: "exact", persistable: true });
    expect([s.geometry.width, s.geometry.height]).toEqual([400, 200]);
    expect(alphaMean(s.image)).toBeCloseTo(0.5, 6);
    // Not made by the add-on (no record): the stored entry is ignored and the page is rendered.
    await expect(obtainSource({ host: host(), selection: image(), maxModelSide: 512, capture: noRendition, keptPixels })).rejects.toThrow("rendered");
  });
});
