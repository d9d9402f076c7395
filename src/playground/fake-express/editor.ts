/**
 * The fake's editor, context, lists, pages and add-on data, shaped like the SDK's classes.
 */
import type {
  AddOnData,
  BitmapImage,
  EditorEvent,
  EditorEventHandler,
  EventHandlerId,
  ItemList,
  PageNode,
  RectangleGeometry,
} from "@adobe/ccweb-add-on-sdk-types/express-document-sdk";
import type {
  ActivePageSurface,
  AddOnDataSurface,
  ArtboardSurface,
  ContextSurface,
  EditorSurface,
  ItemListSurface,
  NodeSurface,
  PageListSurface,
  PageSurface,
  RootSurface,
  SceneNodeType,
  VisualNodeSurface,
} from "../../sandbox/express-surface";
import { placement } from "../../contract/affine";
import { sameAspectRatio } from "../../contract/aspect-ratio";
import { FAKE_CONSTANTS } from "./constants";
import type { FakeDocument } from "./document";
import type { FakeBitmap, NodeModel, PageModel } from "./model";
import { FakeArtboardNode, FakeMediaContainerNode, handleFor, modelOf, nodeHandleFor } from "./nodes";
import { readPngSize } from "./png-size";

/** Express's per-node, per-add-on quota. */
export const ADD_ON_DATA_MAX_BYTES = 3 * 1024;
export const ADD_ON_DATA_MAX_KEYS = 20;

function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

export class FakeAddOnData implements AddOnDataSurface, Pick<AddOnData, "getItem" | "setItem" | "removeItem" | "keys" | "remainingQuota" | "clear"> {
  constructor(
    private readonly doc: FakeDocument,
    private readonly model: () => NodeModel | PageModel,
  ) {}

  getItem(key: string): string | undefined {
    return this.model().addOnData.get(key);
  }
  setItem(key: string, value: string): void {
    const m = this.model();
    if (typeof key !== "string" || key.length === 0 || typeof value !== "string") throw new Error("addOnData.setItem: key and value must be non-empty strings.");
    const next = new Map(m.addOnData).set(key, value);
    const bytes = [...next].reduce((n, [k, v]) => n + utf8Bytes(k) + utf8Bytes(v), 0);
    if (next.size > ADD_ON_DATA_MAX_KEYS || bytes > ADD_ON_DATA_MAX_BYTES) throw new Error("addOnData.setItem: quota exceeded (3 KB / 20 keys per node).");
    this.doc.mutate(m, `addOnData ${m.id}[${key}]`, () => m.addOnData.set(key, value));
  }
  removeItem(key: string): void {
    const m = this.model();
    this.doc.mutate(m, `addOnData ${m.id} remove ${key}`, () => m.addOnData.delete(key));
  }
  clear(): void {
    const m = this.model();
    this.doc.mutate(m, `addOnData ${m.id} clear`, () => m.addOnData.clear());
  }
  keys(): string[] {
    return [...this.model().addOnData.keys()];
  }
  get remainingQuota(): Readonly<{ sizeInBytes: number; numKeys: number }> {
    const data = this.model().addOnData;
    const used = [...data].reduce((n, [k, v]) => n + utf8Bytes(k) + utf8Bytes(v), 0);
    return { sizeInBytes: ADD_ON_DATA_MAX_BYTES - used, numKeys: ADD_ON_DATA_MAX_KEYS - data.size };
  }
}

export class FakeItemList implements ItemListSurface, Pick<ItemList<never>, "length" | "first" | "last"> {
  constructor(
    private readonly doc: FakeDocument,
    private readonly owner: () => NodeModel,
  ) {}

  private get items(): NodeModel[] {
    return this.owner().children;
  }
  get length(): number {
    return this.items.length;
  }
  get first(): never {
    return this.item(0) as never;
  }
  get last(): never {
    return this.item(this.items.length - 1) as never;
  }
  indexOf(item: NodeSurface): number {
    return this.items.indexOf(modelOf(item));
  }
  item(index: number): NodeSurface | undefined {
    const m = this.items[index];
    return m ? (nodeHandleFor(this.doc, m)) : undefined;
  }
  toArray(): readonly NodeSurface[] {
    return this.items.map((m) => nodeHandleFor(this.doc, m));
  }
  [Symbol.iterator](): Iterator<NodeSurface> {
    return this.toArray()[Symbol.iterator]();
  }
  insertAfter(newItem: NodeSurface, after: NodeSurface): void {
    const owner = this.owner();
    const added = modelOf(newItem);
    const anchor = modelOf(after);
    if (!owner.children.includes(anchor)) throw new Error("insertAfter: `after` is not in this list.");
    if (added === anchor) return;
    this.doc.mutate(owner, `insert ${added.id} after ${anchor.id}`, () => {
      if (added.parent) added.parent.children.splice(added.parent.children.indexOf(added), 1);
      owner.children.splice(owner.children.indexOf(anchor) + 1, 0, added);
      added.parent = owner;
    });
  }
  insertBefore(newItem: NodeSurface, before: NodeSurface): void {
    const owner = this.owner();
    const added = modelOf(newItem);
    const anchor = modelOf(before);
    if (!owner.children.includes(anchor)) throw new Error("insertBefore: `before` is not in this list.");
    if (added === anchor) return;
    this.doc.mutate(owner, `insert ${added.id} before ${anchor.id}`, () => {
      if (added.parent) added.parent.children.splice(added.parent.children.indexOf(added), 1);
      owner.children.splice(owner.children.indexOf(anchor), 0, added);
      added.parent = owner;
    });
  }
  append(...items: NodeSurface[]): void {
    const owner = this.owner();
    for (const item of items) {
      const added = modelOf(item);
      this.doc.mutate(owner, `append ${added.id}`, () => {
        if (added.parent) added.parent.children.splice(added.parent.children.indexOf(added), 1);
        owner.children.push(added);
        added.parent = owner;
      });
    }
  }
}

export class FakePageNode implements PageSurface, Pick<PageNode, "id" | "width" | "height" | "name"> {
  constructor(
    protected readonly doc: FakeDocument,
    protected readonly page: PageModel,
    protected readonly epoch: number,
  ) {}
  get id(): string {
    return this.page.id;
  }
  get width(): number {
    return this.page.width;
  }
  get height(): number {
    return this.page.height;
  }
  get name(): string {
    return this.page.name;
  }
}

/** The loaded page: its content is reachable (subject to the staleness rule). */
export class FakeActivePageNode extends FakePageNode implements ActivePageSurface {
  readonly pageModel: PageModel;
  constructor(doc: FakeDocument, page: PageModel, epoch: number) {
    super(doc, page, epoch);
    this.pageModel = page;
  }
  get addOnData(): FakeAddOnData {
    return new FakeAddOnData(this.doc, () => {
      this.doc.assertAccessible(this.page, this.epoch, `page ${this.page.id}`);
      return this.page;
    });
  }
  /** The document root is not modelled. */
  get parent(): undefined {
    return undefined;
  }
  get type(): SceneNodeType {
    this.doc.assertAccessible(this.page, this.epoch, `page ${this.page.id}`);
    return FAKE_CONSTANTS.SceneNodeType.page;
  }
  get artboards(): { readonly first: ArtboardSurface | undefined; toArray(): readonly ArtboardSurface[] } {
    this.doc.assertAccessible(this.page, this.epoch, `page ${this.page.id}`);
    const artboards = this.page.artboards.map((a) => handleFor(this.doc, a) as FakeArtboardNode);
    return { first: artboards[0], toArray: () => artboards };
  }
}

export class FakePageList implements PageListSurface {
  constructor(private readonly doc: FakeDocument) {}
  get length(): number {
    return this.doc.pages.length;
  }
  toArray(): readonly PageSurface[] {
    return this.doc.pages.map((p) => new FakePageNode(this.doc, p, this.doc.epoch));
  }
}

export class FakeContext implements ContextSurface {
  constructor(private readonly doc: FakeDocument) {}
  get selection(): readonly NodeSurface[] {
    return this.doc.selection.filter((m) => !m.locked).map((m) => nodeHandleFor(this.doc, m));
  }
  get selectionIncludingNonEditable(): readonly NodeSurface[] {
    return this.doc.selection.map((m) => nodeHandleFor(this.doc, m));
  }
  get hasSelection(): boolean {
    return this.selection.length > 0;
  }
  get currentPage(): FakeActivePageNode {
    this.doc.touch();
    return new FakeActivePageNode(this.doc, this.doc.currentPage, this.doc.epoch);
  }
  on(eventName: EditorEvent, callback: EditorEventHandler): EventHandlerId {
    if (eventName !== FAKE_CONSTANTS.EditorEvent.selectionChange) throw new Error(`Fake Express: unknown event ${String(eventName)}.`);
    return this.doc.addListener(callback);
  }
  off(_eventName: EditorEvent, handlerId: EventHandlerId): void {
    this.doc.removeListener(handlerId);
  }
}

export class FakeBitmapImage implements Pick<BitmapImage, "width" | "height"> {
  constructor(readonly bitmap: FakeBitmap) {}
  get width(): number {
    return this.bitmap.width;
  }
  get height(): number {
    return this.bitmap.height;
  }
}

export class FakeEditor implements EditorSurface {
  readonly context: FakeContext;
  readonly documentRoot: RootSurface;

  constructor(private readonly doc: FakeDocument) {
    this.context = new FakeContext(doc);
    this.documentRoot = { pages: new FakePageList(doc) };
  }

  async loadBitmapImage(bitmapData: Blob): Promise<FakeBitmapImage> {
    this.doc.touch(); // the caller's frame ends here
    const png = await bitmapData.arrayBuffer();
    const { width, height } = readPngSize(png);
    return new FakeBitmapImage({ id: this.doc.newId("bitmap"), width, height, png });
  }

  createImageContainer(bitmapData: FakeBitmapImage, options?: { initialSize?: RectangleGeometry }): FakeMediaContainerNode {
    const bitmap = bitmapData.bitmap;
    const size = options?.initialSize ?? { width: bitmap.width, height: bitmap.height };
    // The SDK's rule, applied exactly (the same definition the sandbox sizes the layer with).
    if (!sameAspectRatio(size, bitmap)) {
      throw new Error(`createImageContainer: initialSize ${size.width}×${size.height} must have the same aspect ratio as the ${bitmap.width}×${bitmap.height} bitmap.`);
    }
    const container = this.doc.build.image(this.doc.currentPage.artboard, { width: size.width, height: size.height, bitmap });
    // The builder attached it; createImageContainer returns an orphan.
    const artboard = this.doc.currentPage.artboard;
    artboard.children.splice(artboard.children.indexOf(container), 1);
    container.parent = undefined;
    container.matrix = placement(0, 0);
    return handleFor(this.doc, container) as FakeMediaContainerNode;
  }

  keepContentActiveDuringAsync<T>(target: VisualNodeSurface | ActivePageSurface, asyncLambda: () => Promise<T>, after: (r: T) => void): Promise<void> {
    if (target instanceof FakeActivePageNode) {
      void target.type; // must itself be usable now
      return this.doc.keepActive(target.pageModel, asyncLambda, after);
    }
    const model = modelOf(target);
    void (target as NodeSurface).id;
    return this.doc.keepActive(model, asyncLambda, after);
  }
}
