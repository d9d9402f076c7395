/** Fake Adobe Express document (tests and playground). */
export { FAKE_CONSTANTS } from "./constants";
export { FakeDocument } from "./document";
export type { DocumentBuilders, Placement } from "./builders";
export type { FakeBitmap, NodeModel, PageModel } from "./model";
export { snapshotModel, toArtboard } from "./model";
export { createFakeBridge, type FakeBridge } from "./bridge";
export { localBounds } from "./local-bounds";
