/**
 * What a SAM-family export needs from its preprocessor_config.json (Hugging Face SamImageProcessor;
 * for Xenova/slimsam-77-uniform: size.longest_edge 1024, pad_size 1024×1024, rescale 1/255,
 * ImageNet mean/std, resample 2 = bilinear). Read from the downloaded file, with SAM's published
 * values as the defaults for fields a config leaves out.
 */
export interface SamPreprocessConfig {
  /** The long side an image is resized to (SamImageProcessor `size.longest_edge`). */
  longestEdge: number;
  /** The model's input size: the resized image is padded bottom/right with zeros to this. */
  padHeight: number;
  padWidth: number;
  rescaleFactor: number;
  mean: [number, number, number];
  std: [number, number, number];
  /** Logits above this are inside the object (transformers' post_process_masks mask_threshold). */
  maskThreshold: number;
}

export const SAM_DEFAULTS: SamPreprocessConfig = Object.freeze({
  longestEdge: 1024,
  padHeight: 1024,
  padWidth: 1024,
  rescaleFactor: 1 / 255,
  mean: [0.485, 0.456, 0.406],
  std: [0.229, 0.224, 0.225],
  maskThreshold: 0,
}) as SamPreprocessConfig;

export class SamConfigError extends Error {
  override name = "SamConfigError";
}

export function parseSamPreprocessorConfig(json: unknown): SamPreprocessConfig {
  if (typeof json !== "object" || json === null) throw new SamConfigError("The segmentation model's preprocessor_config.json is not a JSON object; download the model again.");
  const p = json as {
    size?: { longest_edge?: number };
    pad_size?: { height?: number; width?: number };
    do_rescale?: boolean;
    rescale_factor?: number;
    do_normalize?: boolean;
    image_mean?: number[];
    image_std?: number[];
    image_processor_type?: string;
  };
  if (p.image_processor_type && p.image_processor_type !== "SamImageProcessor") {
    throw new SamConfigError(`The segmentation model's processor is ${p.image_processor_type}, not SamImageProcessor; this add-on runs SAM-family exports only.`);
  }
  const normalize = p.do_normalize !== false;
  const config: SamPreprocessConfig = {
    longestEdge: p.size?.longest_edge ?? SAM_DEFAULTS.longestEdge,
    padHeight: p.pad_size?.height ?? SAM_DEFAULTS.padHeight,
    padWidth: p.pad_size?.width ?? SAM_DEFAULTS.padWidth,
    rescaleFactor: p.do_rescale === false ? 1 : (p.rescale_factor ?? SAM_DEFAULTS.rescaleFactor),
    mean: normalize ? ((p.image_mean ?? SAM_DEFAULTS.mean) as [number, number, number]) : [0, 0, 0],
    std: normalize ? ((p.image_std ?? SAM_DEFAULTS.std) as [number, number, number]) : [1, 1, 1],
    maskThreshold: SAM_DEFAULTS.maskThreshold,
  };
  if (config.longestEdge > Math.min(config.padHeight, config.padWidth)) {
    throw new SamConfigError(`preprocessor_config.json resizes to ${config.longestEdge} px but pads to ${config.padWidth}×${config.padHeight}; the export is inconsistent.`);
  }
  return config;
}
