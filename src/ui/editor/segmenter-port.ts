/**
 * What the region editor needs from click-to-select, whatever runs it (the engine worker's
 * "segment" request, or nothing when no segmentation model is available).
 */
import type { GrayImage } from "../../imaging";

export interface ClickPoint {
  /** Mask px. */
  x: number;
  y: number;
  /** 1 = part of the object, 0 = not part of it. */
  label: 0 | 1;
}

export interface ClickPrompt {
  points: ClickPoint[];
  /** A dragged box, mask px (x0 < x1, y0 < y1). */
  box?: { x0: number; y0: number; x1: number; y1: number };
}

export type SegmenterState =
  | { kind: "unavailable"; message: string }
  | { kind: "needs-download"; sizeBytes: number; message: string }
  | { kind: "downloading"; fraction: number }
  | { kind: "preparing" }
  | { kind: "ready" }
  | { kind: "failed"; message: string };

export interface ClickSegmenter {
  state(): SegmenterState;
  subscribe(listener: () => void): () => void;
  /** Downloads the model when needed and computes the picture's embedding (once per picture). */
  prepare(): Promise<void>;
  /** The object under the prompt as a binary mask (0 / 255), the editor's width × height. */
  segment(prompt: ClickPrompt): Promise<GrayImage>;
  dispose(): void;
}
