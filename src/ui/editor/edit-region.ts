/**
 * Mark region, start to finish: the source at the working resolution (the same geometry and
 * capture Generate uses, so the mask lines up pixel for pixel), the starting mask (what was painted
 * before for this source, else the selection's shapes), the editor, and the mask stored for Generate.
 */
import type { RegionEditorInput } from "../../contract/region-editor";
import { rasterizeShapes, type GrayImage, type RgbaImage } from "../../imaging";
import type { PanelHost } from "../host/panel-host";
import type { UsableSelection } from "../flow/modes";
import { obtainSource, type CaptureFunction } from "../flow/obtain-source";
import type { SourceGeometry } from "../flow/source-geometry";
import type { RegionEditorLauncher } from "./open-region-editor";
import { maskAtSize, regionKey, type RegionMaskStore } from "./region-masks";

export interface EditRegionDeps {
  host: PanelHost;
  launcher: RegionEditorLauncher;
  store: RegionMaskStore;
  captureSource: CaptureFunction;
}

export interface EditRegionArgs {
  selection: UsableSelection;
  maxModelSide: number;
  growPx: number;
  featherPx: number;
}

/** Pictures up to this many pixels travel as PNG (exact); larger ones as JPEG to stay within clientStorage's 10 MB. */
const PNG_MAX_PIXELS = 1_300_000;

async function encodePicture(source: RgbaImage): Promise<{ bytes: Uint8Array; type: string }> {
  const canvas = new OffscreenCanvas(source.width, source.height);
  canvas.getContext("2d")!.putImageData(new ImageData(new Uint8ClampedArray(source.data), source.width, source.height), 0, 0);
  const type = source.width * source.height <= PNG_MAX_PIXELS ? "image/png" : "image/jpeg";
  const blob = await canvas.convertToBlob(type === "image/jpeg" ? { type, quality: 0.92 } : { type });
  return { bytes: new Uint8Array(await blob.arrayBuffer()), type };
}

function startingMask(store: RegionMaskStore, key: string, geometry: SourceGeometry, size: { width: number; height: number }): GrayImage | null {
  const painted = store.get(key);
  if (painted) return maskAtSize(painted, size.width, size.height);
  if (geometry.maskShapes.length === 0) return null;
  const mask = rasterizeShapes(geometry.maskShapes, size.width, size.height);
  // The editor paints hard edges; the shapes' anti-aliased rim is kept where it is at least half covered.
  for (let i = 0; i < mask.data.length; i++) mask.data[i] = mask.data[i] >= 128 ? 255 : 0;
  return mask;
}

let sessions = 0;

/** Opens the editor; resolves with the grow/feather the user left it with, or null when cancelled. */
export async function editRegion(deps: EditRegionDeps, args: EditRegionArgs): Promise<{ growPx: number; featherPx: number } | null> {
  const { selection } = args;
  // The same source Generate obtains (geometry, platform limits), so the mask lines up with it.
  const obtained = await obtainSource({ host: deps.host, selection, maxModelSide: args.maxModelSide, capture: deps.captureSource });
  const { geometry, image: source } = obtained;
  const key = regionKey(selection);
  const start = startingMask(deps.store, key, geometry, source);
  const picture = await encodePicture(source);
  const input: RegionEditorInput = {
    version: 1,
    sessionId: `${Date.now().toString(36)}-${++sessions}`,
    title: "Mark what to change",
    width: source.width,
    height: source.height,
    image: picture.bytes,
    imageType: picture.type,
    mask: start ? start.data : null,
    growPx: args.growPx,
    featherPx: args.featherPx,
  };
  const result = await deps.launcher.open(input);
  if (result.status !== "done") return null;
  deps.store.set(key, { width: result.width, height: result.height, data: result.mask });
  return { growPx: result.growPx, featherPx: result.featherPx };
}
