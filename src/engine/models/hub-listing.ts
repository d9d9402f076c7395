/**
 * The Hub's file listing for a pinned revision, read before any download: the model API's tree
 * endpoint (`/api/models/<repo>/tree/<revision>?recursive=true`) gives every file's exact size,
 * its git blob id, and for Git LFS files the sha256 of the content (`lfs.oid`). The downloader
 * checks every byte against it, and refuses before downloading a layout the engine cannot load.
 * Pages beyond the first are linked with `Link: <…>; rel="next"` (as huggingface.js reads them).
 */
import type { CatalogueModel, ModelFile, ModelVariant, SourceRepository } from "./catalogue-types";
import { ModelLayoutError } from "./errors";

/** What one listed file must be. */
export interface ExpectedFile {
  size: number;
  /** sha256 of the content (LFS files, or the catalogue's pin). */
  sha256: string | null;
  /** Git blob id (sha1 of "blob <size>\0" + content): the check for small non-LFS files. */
  gitOid: string | null;
  /** LFS content is served as is; other files may be compressed in transit, so they restart rather than resume. */
  lfs: boolean;
}

export interface RepoListing {
  url: string;
  revision: string;
  fetchedAt: string;
  files: Record<string, ExpectedFile>;
}

interface TreeEntry {
  type: string;
  path: string;
  size: number;
  oid: string;
  lfs?: { oid: string; size: number };
}

/** The tree endpoint for a catalogue source, or null when the source has no listing (dev fixtures). */
export function listingUrl(source: SourceRepository): string | null {
  const origin = source.host === "huggingface.co" ? "https://huggingface.co" : source.endpoint;
  if (!origin) return null;
  const repo = source.id.split("/").map(encodeURIComponent).join("/");
  return `${origin.replace(/\/$/, "")}/api/models/${repo}/tree/${encodeURIComponent(source.revision)}?recursive=true`;
}

/** Reads every page of the listing. `get` is the policy-checked fetch. */
export async function fetchListing(url: string, revision: string, get: (url: string) => Promise<Response>): Promise<RepoListing> {
  const files: Record<string, ExpectedFile> = {};
  for (let next: string | null = url, pages = 0; next; pages++) {
    if (pages >= 100) throw new Error(`the file listing ${url} has more than 100 pages`);
    const response = await get(next);
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new ListingHttpError(next, response.status);
    }
    const entries = (await response.json()) as TreeEntry[];
    if (!Array.isArray(entries)) throw new Error(`the file listing ${next} is not a JSON array`);
    for (const e of entries) {
      if (e.type !== "file" || typeof e.path !== "string" || !Number.isInteger(e.size)) continue;
      const sha256 = e.lfs && /^[0-9a-f]{64}$/.test(e.lfs.oid) ? e.lfs.oid : null;
      files[e.path] = { size: e.lfs?.size ?? e.size, sha256, gitOid: e.lfs ? null : e.oid ?? null, lfs: Boolean(e.lfs) };
    }
    next = nextLink(response.headers.get("Link"), next);
  }
  return { url, revision, fetchedAt: new Date().toISOString(), files };
}

export class ListingHttpError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
  ) {
    super(`the file listing ${url} answered HTTP ${status}`);
  }
}

function nextLink(header: string | null, base: string): string | null {
  const m = header?.match(/<([^>]+)>\s*;\s*rel="?next"?/);
  return m ? new URL(m[1], base).href : null;
}

/** Files beside `graph` that hold its weights under the names exporters write (Optimum, torch.onnx, diffusers' converter). */
function externalDataNames(graph: string): string[] {
  const folder = graph.includes("/") ? graph.slice(0, graph.lastIndexOf("/") + 1) : "";
  return [`${graph}_data`, `${graph}.data`, `${folder}weights.pb`];
}
const GRAPH_ROLES = new Set<ModelFile["role"]>(["text-encoder", "unet", "vae-encoder", "vae-decoder", "classifier"]);

/**
 * What each catalogue file of a variant must be, from the listing and the catalogue's own pins.
 * Throws ModelLayoutError (before any download) when a file is missing from the revision, the
 * catalogue and the listing disagree, or a graph keeps weights in a file the variant lacks.
 */
export function expectedFiles(model: CatalogueModel, variant: ModelVariant, listing: RepoListing): Map<string, ExpectedFile> {
  const out = new Map<string, ExpectedFile>();
  const paths = new Set(variant.files.map((f) => f.path));
  for (const f of variant.files) {
    const listed = listing.files[f.path];
    if (!listed) throw new ModelLayoutError(model.id, `the repository has no ${f.path} at revision ${listing.revision}`);
    if (f.sizeExact && f.size !== listed.size) {
      throw new ModelLayoutError(model.id, `the catalogue expects ${f.path} to be ${f.size} bytes but the Hub lists ${listed.size}`);
    }
    if (f.sha256 && listed.sha256 && f.sha256 !== listed.sha256) {
      throw new ModelLayoutError(model.id, `the catalogue pins ${f.path} to sha256 ${f.sha256} but the Hub lists ${listed.sha256}`);
    }
    out.set(f.url, { ...listed, sha256: f.sha256 ?? listed.sha256 });
    if (!GRAPH_ROLES.has(f.role)) continue;
    for (const data of externalDataNames(f.path)) {
      if (listing.files[data] && !paths.has(data)) {
        throw new ModelLayoutError(model.id, `${f.path} keeps its weights in ${data}, which this variant does not download, so it cannot load`);
      }
    }
  }
  return out;
}
