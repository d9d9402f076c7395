/**
 * A fake Express document for tests and the playground. It holds plain models (model.ts), hands
 * out SDK-shaped node handles (nodes.ts) through `editor` (editor.ts), and enforces the platform
 * rules the add-on must obey:
 *
 *  - Large-document mode: a node handle is valid only in the synchronous frame that produced it
 *    (a microtask boundary — i.e. any `await` — ends the frame), unless the node lies inside a
 *    subtree held by keepContentActiveDuringAsync. Using an old handle throws "Stale node reference".
 *  - Large-document mode: after async work in an operation (any frame change since the bridge call
 *    began), document edits are only allowed inside keepContentActiveDuringAsync's callback.
 *  - Undo: every synchronous frame that edits the document is one undo step (undoStepCount).
 *
 * No Node APIs: runs in the browser too.
 */
import { buildersFor, type DocumentBuilders } from "./builders";
import { FakeEditor } from "./editor";
import { artboardOf, isAncestorOrSelf, rootOf, snapshotModel, type NodeModel, type PageModel } from "./model";

export type Listener = () => void;

export class FakeDocument {
  /** Simulate Express's large-document behaviour (stale references, edits only in keep-active callbacks). */
  largeDocumentMode = false;
  /** document.exportAllowed(): false simulates a document under review. */
  exportAllowed = true;
  /**
   * Largest page-rendition scale the platform renders (null: any). 1 simulates mobile and ChromeOS,
   * where requestedSize only downscales (SDK: PngRenditionOptions.requestedSize).
   */
  renditionMaxScale: number | null = null;
  readonly pages: PageModel[] = [];
  currentPageIndex = 0;
  /** Selected models, locked ones included (the context filters them). */
  selection: NodeModel[] = [];
  /** Number of undo steps the document recorded. */
  undoStepCount = 0;
  /** One line per document edit, for test diagnostics. */
  readonly editLog: string[] = [];
  /** Frame counter: bumped at the first microtask boundary after any access. */
  epoch = 0;
  readonly editor: FakeEditor;
  readonly build: DocumentBuilders;

  private bumpScheduled = false;
  private stepOpen = false;
  private operationStartEpoch = 0;
  private afterCallbackDepth = 0;
  /** Subtrees held by keepContentActiveDuringAsync, with the frame the hold began in. */
  private readonly kept: { target: NodeModel | PageModel; sinceEpoch: number }[] = [];
  private readonly listeners = new Map<string, Listener>();
  private idCounter = 0;

  constructor() {
    this.editor = new FakeEditor(this);
    this.build = buildersFor(this);
  }

  newId(prefix: string): string {
    this.idCounter += 1;
    return `${prefix}-${this.idCounter}`;
  }

  get currentPage(): PageModel {
    const page = this.pages[this.currentPageIndex];
    if (!page) throw new Error("Fake Express: the document has no page; call build.page() first.");
    return page;
  }

  /** Marks the current frame as in use; its handles expire at the next microtask boundary. */
  touch(): void {
    if (this.bumpScheduled) return;
    this.bumpScheduled = true;
    queueMicrotask(() => {
      this.epoch += 1;
      this.bumpScheduled = false;
    });
  }

  /** Throws when a handle from an earlier frame is used in large-document mode. */
  assertAccessible(target: NodeModel | PageModel, epoch: number, what: string): void {
    this.touch();
    if (!this.largeDocumentMode || epoch === this.epoch) return;
    if (!this.isAttached(target)) return; // orphans are not unloaded
    // Held content stays usable, but only for references taken while it was held (a reference
    // from before the hold began may point at content that was unloaded in between).
    if (this.kept.some((k) => epoch >= k.sinceEpoch && this.covers(k.target, target))) return;
    throw new Error(
      `Stale node reference: ${what} was read in an earlier frame (before an await) and its page may be unloaded. Re-find the node by id, or hold it with keepContentActiveDuringAsync.`,
    );
  }

  /** Runs a document edit, enforcing the edit rules and counting undo steps. */
  mutate(target: NodeModel | PageModel, label: string, edit: () => void): void {
    this.touch();
    const attached = this.isAttached(target);
    if (attached && this.largeDocumentMode && this.epoch !== this.operationStartEpoch && this.afterCallbackDepth === 0) {
      throw new Error(
        `Fake Express: "${label}" edits the document after async work but outside keepContentActiveDuringAsync's callback; Express may have unloaded the page.`,
      );
    }
    edit();
    if (!attached) return;
    this.editLog.push(label);
    if (!this.stepOpen) {
      this.undoStepCount += 1;
      this.stepOpen = true;
      queueMicrotask(() => {
        this.stepOpen = false;
      });
    }
  }

  /** Called by the fake bridge when a call from the panel arrives: a new operation starts. */
  beginOperation(): void {
    this.operationStartEpoch = this.epoch;
  }

  async keepActive<T>(target: NodeModel | PageModel, asyncLambda: () => Promise<T>, after: (r: T) => void): Promise<void> {
    const hold = { target, sinceEpoch: this.epoch };
    this.kept.push(hold);
    try {
      const result = await asyncLambda();
      this.afterCallbackDepth += 1;
      try {
        after(result);
      } finally {
        this.afterCallbackDepth -= 1;
      }
    } finally {
      this.kept.splice(this.kept.indexOf(hold), 1);
    }
  }

  isAttached(target: NodeModel | PageModel): boolean {
    if (!("kind" in target)) return this.pages.includes(target);
    const root = rootOf(target);
    return root.kind === "artboard" && root.page !== undefined && this.pages.includes(root.page);
  }

  pageOf(model: NodeModel): PageModel | undefined {
    return artboardOf(model)?.page;
  }

  private covers(kept: NodeModel | PageModel, target: NodeModel | PageModel): boolean {
    if (!("kind" in kept)) return "kind" in target ? this.pageOf(target) === kept : target === kept;
    return "kind" in target && isAncestorOrSelf(kept, target);
  }

  // ---- events and selection ----

  addListener(listener: Listener): string {
    const id = this.newId("handler");
    this.listeners.set(id, listener);
    return id;
  }

  removeListener(id: string): void {
    this.listeners.delete(id);
  }

  /** Sets the selection (as the user would) and fires selectionChange. */
  select(...models: NodeModel[]): void {
    for (const m of models) {
      if (this.pageOf(m) !== this.currentPage) throw new Error(`Fake Express: ${m.id} is not on the current page.`);
    }
    this.selection = models;
    this.fireSelectionChange();
  }

  /** Switches page (clears the selection, as Express does) and fires selectionChange. */
  showPage(index: number): void {
    if (!this.pages[index]) throw new Error(`Fake Express: no page ${index}.`);
    this.currentPageIndex = index;
    this.selection = [];
    this.fireSelectionChange();
  }

  private fireSelectionChange(): void {
    for (const listener of [...this.listeners.values()]) listener();
  }

  // ---- lookups for tests ----

  find(id: string): NodeModel | undefined {
    const visit = (m: NodeModel): NodeModel | undefined => {
      if (m.id === id) return m;
      for (const c of m.kind === "mediaContainer" && m.media ? [m.media] : m.children) {
        const hit = visit(c);
        if (hit) return hit;
      }
      return undefined;
    };
    for (const page of this.pages) {
      for (const artboard of page.artboards) {
        const hit = visit(artboard);
        if (hit) return hit;
      }
    }
    return undefined;
  }

  snapshot(model: NodeModel): string {
    return JSON.stringify(snapshotModel(model));
  }
}
