/**
 * Remove with MI-GAN's published ONNX pipeline (andraniksargsyan/migan `migan_pipeline_v2.onnx`):
 *   image uint8 [1, 3, H, W] (RGB), mask uint8 [1, 1, H, W] (255 keep, 0 fill) → result uint8 [1, 3, H, W]
 * One session from the shared ExecutionBackend, checked against the catalogue's contract when it
 * loads; each call crops around the hole, packs, runs and pastes back (migan-processing.ts).
 */
import type { GrayImage, RgbaImage } from "../../contract/worker-protocol";
import type { GraphContract } from "../models/contract-types";
import { checkContract } from "../io/contract-check";
import type { ResolvedTensor } from "../io/model-session";
import type { ExecutionBackend, InferenceSession, GraphSource } from "../runtime/backend";
import { cropAroundHole, packImage, packMask, pasteInsideMask, type CropBox } from "./migan-processing";

export const MIGAN_IO = { inputs: ["image", "mask"], outputs: ["result"] } as const;

export class RemovalModelError extends Error {
  override name = "RemovalModelError";
}

export interface MiganOutcome {
  image: RgbaImage;
  /** The part of the picture sent to the model. */
  crop: CropBox;
  runMs: number;
}

function described(session: InferenceSession, which: "input" | "output"): ResolvedTensor[] {
  const names = which === "input" ? session.inputNames : session.outputNames;
  const metadata = (which === "input" ? session.inputMetadata : session.outputMetadata) ?? [];
  return names.map((name) => {
    const entry = metadata.find((m) => m.name === name);
    return entry?.isTensor ? { name, type: entry.type, shape: entry.shape } : { name, type: "uint8", shape: null };
  });
}

export class MiganRemover {
  private constructor(
    private readonly backend: ExecutionBackend,
    private readonly session: InferenceSession,
    readonly file: string,
  ) {}

  /** Opens the graph and checks it is MI-GAN's pipeline (the contract when given, else the IO names). */
  static async load(backend: ExecutionBackend, source: GraphSource, contract?: GraphContract): Promise<MiganRemover> {
    const session = await backend.createSession(source);
    try {
      const missing = [...MIGAN_IO.inputs.filter((n) => !session.inputNames.includes(n)), ...MIGAN_IO.outputs.filter((n) => !session.outputNames.includes(n))];
      if (missing.length > 0) {
        throw new RemovalModelError(`${source.name} is not MI-GAN's ONNX pipeline: it lacks ${missing.join(", ")}. Press Delete MI-GAN in Remove mode, then download it again.`);
      }
      if (contract) checkContract({ inputs: described(session, "input"), outputs: described(session, "output") }, contract, "MI-GAN");
    } catch (error) {
      await session.release();
      throw error;
    }
    return new MiganRemover(backend, session, source.name);
  }

  /** Fills every pixel with mask > 0; pixels outside the mask come back unchanged. */
  async remove(image: RgbaImage, mask: GrayImage, options: { featherPx?: number } = {}): Promise<MiganOutcome> {
    const crop = cropAroundHole(mask);
    if (!crop) throw new RemovalModelError("The removal mask selects no pixels: mark what to remove, then press Remove again.");
    const t0 = performance.now();
    const out = await this.session.run({
      image: this.backend.createTensor("uint8", packImage(image, crop), [1, 3, crop.height, crop.width]),
      mask: this.backend.createTensor("uint8", packMask(mask, crop), [1, 1, crop.height, crop.width]),
    });
    const result = out.result;
    const expected = [1, 3, crop.height, crop.width];
    if (result.type !== "uint8" || result.dims.join() !== expected.join()) {
      throw new RemovalModelError(`${this.file} returned ${result.type} [${result.dims.join(", ")}] where MI-GAN returns uint8 [${expected.join(", ")}]: press Delete MI-GAN in Remove mode, then download it again.`);
    }
    const runMs = performance.now() - t0;
    return { image: pasteInsideMask(image, mask, result.data as Uint8Array, crop, options.featherPx), crop, runMs };
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
