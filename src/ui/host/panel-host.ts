/**
 * Everything the panel needs from whatever hosts it, so the panel's code never knows whether it
 * runs inside Adobe Express (express-host.ts) or in the playground (src/playground/playground-host.ts).
 *
 *   sandbox            calls into the document sandbox (SandboxApi), always async like Express's proxy
 *   onSelectionChanged what the sandbox pushes (PanelApi.selectionChanged), fanned out to listeners
 *   renderPage         pixels of a page: Express's createRenditions (PNG, RenditionIntent.preview)
 */
import type { Remote, SandboxApi, SelectionSummary } from "../../contract";

export interface PageRenditionRequest {
  /** PageInfo.pageId from the selection summary: the page to render. */
  pageId: string;
  /** Desired PNG size in px; omitted sides follow the page's aspect ratio. Default: the page's size. */
  requestedSize?: { width?: number; height?: number };
  /**
   * RenditionIntent: "export" for pixels that may end up in the document (check exportAllowed()
   * first), "preview" for pixels that are only shown (Adobe: never persisted). Default "preview".
   */
  intent?: "export" | "preview";
  /** PNG background, 0xAARRGGBB (SDK PngRenditionOptions); default: derived from the page. */
  backgroundColor?: number;
}

export interface PageRendition {
  /** image/png of the whole page (artboard), page (0,0) at pixel (0,0). */
  png: Blob;
  /** The page that was rendered (equal to the request's pageId). */
  pageId: string;
}

export type Unsubscribe = () => void;

export interface PanelHost {
  /** Proxy of the sandbox's exposed API. Arguments and results are cloned across the bridge. */
  readonly sandbox: Remote<SandboxApi>;
  /**
   * Listens to selection summaries pushed by the sandbox. The latest summary (if any) is replayed
   * to a new listener at once, so a component mounted late is never out of date.
   */
  onSelectionChanged(listener: (summary: SelectionSummary) => void): Unsubscribe;
  /** Renders one page to PNG (createRenditions with the request's intent). */
  renderPage(request: PageRenditionRequest): Promise<PageRendition>;
  /**
   * Whether the document may be exported (Express: document.exportAllowed(), false for a document
   * under review). Absent: allowed.
   */
  exportAllowed?(): Promise<boolean>;
}
