/**
 * The playground's canvas: shows the fake document's current page, lets the user select like in
 * Express (click = select the item, Shift-click = add/remove, click on empty page = deselect) and
 * repaints whenever the document, the selection or a decoded bitmap changes.
 */
import type { FakeDocument, NodeModel } from "../fake-express";
import type { BitmapCache } from "./bitmap-cache";
import { drawPage } from "./draw-page";
import { topmostNodeAt } from "./hit-test";
import { drawSelection } from "./selection-overlay";

export class DocumentStage {
  readonly canvas: HTMLCanvasElement;
  private lastSignature = "";
  private frame = 0;
  /** Page units → CSS px. */
  private scale = 1;

  constructor(
    private readonly container: HTMLElement,
    private readonly doc: FakeDocument,
    private readonly bitmaps: BitmapCache,
  ) {
    this.canvas = document.createElement("canvas");
    this.canvas.className = "stage-canvas";
    this.canvas.setAttribute("aria-label", "Simulated Express document: click to select, Shift-click to add to the selection");
    this.container.append(this.canvas);
    this.canvas.addEventListener("pointerdown", (event) => this.onPointerDown(event));
  }

  start(): void {
    const tick = (): void => {
      this.repaintIfChanged();
      this.frame = requestAnimationFrame(tick);
    };
    tick();
  }

  stop(): void {
    cancelAnimationFrame(this.frame);
  }

  /** Page coordinates of a pointer event. */
  pagePoint(event: { clientX: number; clientY: number }): { x: number; y: number } {
    const rect = this.canvas.getBoundingClientRect();
    return { x: (event.clientX - rect.left) / this.scale, y: (event.clientY - rect.top) / this.scale };
  }

  private onPointerDown(event: PointerEvent): void {
    const page = this.doc.currentPage;
    const { x, y } = this.pagePoint(event);
    const hit = topmostNodeAt(page, x, y, 4 / this.scale);
    if (!event.shiftKey) {
      this.doc.select(...(hit ? [hit] : []));
      return;
    }
    if (!hit) return; // Shift-click on empty space keeps the selection, as in Express
    const current = this.doc.selection;
    const next: NodeModel[] = current.includes(hit) ? current.filter((node) => node !== hit) : [...current, hit];
    this.doc.select(...next);
  }

  private repaintIfChanged(): void {
    const page = this.doc.currentPage;
    const available = this.container.clientWidth;
    const signature = [
      this.doc.currentPageIndex,
      this.doc.editLog.length,
      this.doc.selection.map((node) => node.id).join(","),
      this.bitmaps.size,
      available,
      window.devicePixelRatio,
    ].join("|");
    if (signature === this.lastSignature) return;
    this.lastSignature = signature;
    void this.bitmaps.ensureDecoded(page); // repaints again once new bitmaps are decoded

    this.scale = Math.min(available / page.width, 1.5);
    const ratio = window.devicePixelRatio || 1;
    const cssWidth = Math.round(page.width * this.scale);
    const cssHeight = Math.round(page.height * this.scale);
    this.canvas.style.width = `${cssWidth}px`;
    this.canvas.style.height = `${cssHeight}px`;
    this.canvas.width = Math.round(cssWidth * ratio);
    this.canvas.height = Math.round(cssHeight * ratio);
    const ctx = this.canvas.getContext("2d");
    if (!ctx) return;
    ctx.setTransform(this.scale * ratio, 0, 0, this.scale * ratio, 0, 0);
    drawPage(ctx, page, this.bitmaps);
    drawSelection(ctx, this.doc.selection, 1 / this.scale);
  }
}
