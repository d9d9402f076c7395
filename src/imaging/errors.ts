/**
 * Every failure in imaging/ is one of these, with a message that tells the user (or the calling
 * engineer) what to do next. `name` is set so errors survive structured cloning to/from workers
 * recognisably.
 */

export class ImagingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImagingError";
  }
}

/** The mask selects nothing: there is no area to fill. */
export class EmptyMaskError extends ImagingError {
  constructor(what = "The mask") {
    super(`${what} selects no pixels. Select a shape that overlaps the image, or paint a mask, then generate again.`);
    this.name = "EmptyMaskError";
  }
}

/** The source image exceeds MAX_SOURCE_PIXELS / MAX_SOURCE_SIDE. */
export class SourceTooLargeError extends ImagingError {
  constructor(width: number, height: number, maxPixels: number, maxSide: number) {
    super(
      `The source image is ${width}×${height} (${((width * height) / 1e6).toFixed(1)} MP); the limit is ` +
        `${(maxPixels / 1e6).toFixed(1)} MP and ${maxSide} px per side. Crop or downscale the image first.`,
    );
    this.name = "SourceTooLargeError";
  }
}

/** Width/height/data do not describe a valid image, or two images that must match do not. */
export class ImageSizeError extends ImagingError {
  constructor(message: string) {
    super(message);
    this.name = "ImageSizeError";
  }
}

/** A shape or its transform cannot be rasterised (non-finite numbers, negative size, singular matrix…). */
export class InvalidShapeError extends ImagingError {
  constructor(message: string) {
    super(message);
    this.name = "InvalidShapeError";
  }
}

/** SVG path data that does not parse. `index` is the character offset of the problem. */
export class PathSyntaxError extends InvalidShapeError {
  readonly index: number;
  constructor(message: string, index: number) {
    super(`Invalid SVG path data at character ${index}: ${message}. Check the path's "d" attribute.`);
    this.name = "PathSyntaxError";
    this.index = index;
  }
}

/** An option value is out of range (negative radius, model size not a multiple of 8…). */
export class ImagingOptionError extends ImagingError {
  constructor(message: string) {
    super(message);
    this.name = "ImagingOptionError";
  }
}

/** PNG bytes that cannot be decoded, or no PNG implementation for this runtime. */
export class PngError extends ImagingError {
  constructor(message: string) {
    super(message);
    this.name = "PngError";
  }
}
