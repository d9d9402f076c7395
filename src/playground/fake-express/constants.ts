/**
 * The fake's copy of the SDK enum objects the sandbox reads (`constants` from "express-document-sdk").
 * String values follow the SDK's declarations; the numeric FillRule values are arbitrary on
 * purpose, so code that compares against literals instead of the enum would break in tests.
 */
import type { ConstantsSurface } from "../../sandbox/express-surface";

const SceneNodeType = {
  line: "Line",
  rectangle: "Rectangle",
  ellipse: "Ellipse",
  path: "Path",
  linkedAsset: "LinkedAsset",
  group: "Group",
  artboard: "ab:Artboard",
  polygon: "artgr:Polygon",
  artworkRoot: "ArtworkRoot",
  mediaContainer: "MediaContainer",
  imageRectangle: "ImageRectangle",
  unknownMediaRectangle: "UnknownMediaRectangle",
  page: "Page",
  complexShape: "ComplexShape",
  solidColorShape: "SolidColorShape",
  strokeShape: "StrokeShape",
  gridCell: "GridCell",
  gridLayout: "GridLayout",
  text: "Text",
} as const;

export const FAKE_CONSTANTS = {
  SceneNodeType: SceneNodeType as unknown as ConstantsSurface["SceneNodeType"],
  FillRule: { nonZero: 7, evenOdd: 8 } as unknown as ConstantsSurface["FillRule"],
  EditorEvent: { selectionChange: "selectionChange" } as unknown as ConstantsSurface["EditorEvent"],
  FillType: { color: "Color" } as unknown as ConstantsSurface["FillType"],
} satisfies ConstantsSurface;

export type FakeSceneNodeType = ConstantsSurface["SceneNodeType"][keyof ConstantsSurface["SceneNodeType"]];
export type FakeFillRule = ConstantsSurface["FillRule"][keyof ConstantsSurface["FillRule"]];
