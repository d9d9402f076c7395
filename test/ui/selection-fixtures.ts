/** Selection summaries for the panel's Node tests: an image, the image with n shapes, n shapes alone. */
import type { ImageSelection, ImageWithMaskSelection, MaskShape, PageRegionSelection } from "../../src/contract";

export const page = { pageId: "p1", pageIndex: 0, width: 1200, height: 800, artboardId: "a1" };

export function imageSelection(width: number, height: number): ImageSelection {
  return {
    type: "image",
    revision: 1,
    page,
    image: { nodeId: "img", width, height, transform: [1, 0, 0, 1, 0, 0], boundsOnPage: { x: 0, y: 0, width: Math.round(width), height: Math.round(height) } },
  };
}

export const rectangleShape = (id: string): MaskShape => ({ nodeId: id, shape: { kind: "rectangle", width: 10, height: 10 }, transform: [1, 0, 0, 1, 0, 0] });

export function withShapes(image: ImageSelection, n: number): ImageWithMaskSelection {
  return {
    ...image,
    type: "image-with-mask",
    maskShapes: Array.from({ length: n }, (_, i) => rectangleShape(`s${i}`)),
    maskBoundsInImage: { x: 0, y: 0, width: 10, height: 10 },
  };
}

export function pageRegion(n: number): PageRegionSelection {
  return { type: "page-region", revision: 1, page, maskShapes: Array.from({ length: n }, (_, i) => rectangleShape(`s${i}`)), region: { x: 0, y: 0, width: 10, height: 10 } };
}
