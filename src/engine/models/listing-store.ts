/**
 * Gets the Hub listing a download is verified against, and records it with the models: a pinned
 * revision's listing never changes, so it is fetched once and read from the store afterwards; a
 * branch ("main") is listed again before each download.
 */
import type { CatalogueModel, ModelVariant } from "./catalogue-types";
import { CatalogueError, DownloadAbortedError, ModelDownloadError, ModelLayoutError, NetworkError, RateLimitedError, ServerError } from "./errors";
import { fetchWithPolicy, type HostPolicy } from "./host-policy";
import { expectedFiles, fetchListing, ListingHttpError, listingUrl, type ExpectedFile, type RepoListing } from "./hub-listing";
import type { ModelStore } from "./model-store";
import { retryAfterMs } from "./http-attempt";

export interface ListingContext {
  store: ModelStore;
  fetch: typeof fetch;
  policy: HostPolicy;
  signal?: AbortSignal;
}

const ATTEMPTS = 3;

/** Catalogue URL → what the file must be. Empty when the source has no listing (development fixtures). */
export async function listingFor(model: CatalogueModel, variant: ModelVariant, ctx: ListingContext): Promise<Map<string, ExpectedFile>> {
  const source = variant.source ?? model.source;
  const url = listingUrl(source);
  if (!url) return new Map();
  const recordName = `listing:${url}`;
  let listing: RepoListing | null = null;
  if (source.pinned) {
    const recorded = await ctx.store.getRecord(recordName).catch(() => null);
    if (recorded) listing = JSON.parse(recorded) as RepoListing;
  }
  if (!listing) {
    listing = await fetchWithRetries(url, source.revision, model.id, ctx);
    await ctx.store.putRecord(recordName, JSON.stringify(listing));
  }
  return expectedFiles(model, variant, listing);
}

/** The recorded listing for a source, if any (for the UI and tests). */
export async function recordedListing(store: ModelStore, url: string): Promise<RepoListing | null> {
  const text = await store.getRecord(`listing:${url}`);
  return text ? (JSON.parse(text) as RepoListing) : null;
}

async function fetchWithRetries(url: string, revision: string, modelId: string, ctx: ListingContext): Promise<RepoListing> {
  const init: RequestInit = { signal: ctx.signal, cache: "no-store", credentials: "omit", referrerPolicy: "no-referrer", headers: { Accept: "application/json" } };
  let last: unknown = null;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    let retryAfter: number | null = null;
    try {
      return await fetchListing(url, revision, async (u) => {
        const response = await fetchWithPolicy(ctx.fetch, u, init, ctx.policy);
        retryAfter = retryAfterMs(response.headers.get("Retry-After"));
        return response;
      });
    } catch (error) {
      if (ctx.signal?.aborted) throw new DownloadAbortedError(url);
      if (error instanceof ListingHttpError) {
        if (error.status === 404 || error.status === 401 || error.status === 403) {
          throw new ModelLayoutError(modelId, `the Hub lists no revision ${revision} of it (HTTP ${error.status} from ${error.url})`);
        }
        if (attempt === ATTEMPTS) throw error.status === 429 ? new RateLimitedError(url, retryAfter) : new ServerError(url, error.status, attempt);
      } else if (error instanceof ModelDownloadError || error instanceof CatalogueError) {
        throw error; // a refused redirect or host: retrying cannot help
      } else if (attempt === ATTEMPTS) {
        throw new NetworkError(url, attempt, error);
      }
      last = error;
      await new Promise((r) => setTimeout(r, Math.min(5000, retryAfter ?? 250 * 2 ** attempt)));
    }
  }
  throw new NetworkError(url, ATTEMPTS, last);
}
