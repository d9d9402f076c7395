/**
 * The playground's starting document: one photo (assets/playground/demo-photo.png, drawn by
 * scripts/make-assets.ts) with a rectangle over the sun and an ellipse over the hills — the
 * shapes a user would draw to say "repaint here".
 */
import type { FakeDocument, NodeModel } from "./fake-express";

export const DEMO_PAGE = { width: 1200, height: 800 } as const;

export interface DemoDocument {
  image: NodeModel;
  rectangle: NodeModel;
  ellipse: NodeModel;
}

/** @param photoPng the demo photo's PNG bytes (768×512) */
export function seedDemoDocument(doc: FakeDocument, photoPng: ArrayBuffer, photoSize: { width: number; height: number }): DemoDocument {
  const page = doc.build.page({ ...DEMO_PAGE, name: "Demo" });
  // Shown larger than its pixels, as photos usually are in Express: 768×512 px over 960×640 units.
  const image = doc.build.image(page.artboard, {
    x: 120,
    y: 80,
    width: 960,
    height: 640,
    name: "Landscape photo",
    bitmap: { width: photoSize.width, height: photoSize.height, png: photoPng },
  });
  const rectangle = doc.build.rectangle(page.artboard, {
    x: 725,
    y: 236,
    width: 136,
    height: 136,
    cornerRadius: 12,
    opacity: 0.55,
    fillColor: "#e8483f",
    name: "Mask: sun",
  });
  const ellipse = doc.build.ellipse(page.artboard, {
    x: 420,
    y: 575,
    rx: 150,
    ry: 70,
    rotation: -8,
    opacity: 0.55,
    fillColor: "#7b4ddb",
    name: "Mask: hills",
  });
  return { image, rectangle, ellipse };
}
