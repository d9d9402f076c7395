/**
 * Which hosts a download may talk to, checked on every hop: the catalogue's `allowedHosts` for the
 * URLs it lists, its `redirectHosts` for where those may redirect (Hugging Face's LFS/Xet CDNs),
 * and https everywhere except loopback (tests and the playground's dev server on this machine).
 *
 * Why hops are followed by hand: with `redirect: "follow"` a fetch would already have sent the
 * request (and received the bytes) from a host nobody allowed before the code could look. In
 * browsers a manual redirect is opaque (its Location is hidden), so there the redirect is followed
 * by the browser and the final `response.url` is checked before a single body byte is read.
 */
import { CatalogueError, RedirectError } from "./errors";

export interface HostPolicy {
  /** Hosts a catalogue URL may name. */
  allowedHosts: readonly string[];
  /** Hosts (or ".suffix" patterns) a redirect may lead to, besides allowedHosts. */
  redirectHosts: readonly string[];
}

/** More hops than Hugging Face ever uses (resolve -> CDN is one); a longer chain is a loop. */
const MAX_REDIRECTS = 8;

export function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** Throws unless `url` may be requested as the first hop (a catalogue URL). */
export function checkRequestUrl(url: string, policy: HostPolicy): void {
  const u = new URL(url);
  if (!policy.allowedHosts.includes(u.host)) {
    throw new CatalogueError(`Refusing to download ${url}: ${u.host} is not an allowed model host.`);
  }
  if (u.protocol !== "https:" && !isLoopback(u.hostname)) {
    throw new CatalogueError(`Refusing to download ${url}: model files are only fetched over https.`);
  }
}

function checkHop(original: string, target: URL, policy: HostPolicy): void {
  if (target.protocol !== "https:" && !isLoopback(target.hostname)) throw new RedirectError(original, "insecure", target.href);
  const host = target.host;
  const allowed =
    policy.allowedHosts.includes(host) ||
    policy.redirectHosts.some((h) => (h.startsWith(".") ? host.endsWith(h) : host === h));
  if (!allowed) throw new RedirectError(original, "host", target.href);
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * fetch() that follows redirects itself, checking every hop against the policy, and refuses a
 * response whose final URL is not allowed (cancelling its body unread).
 */
export async function fetchWithPolicy(fetchImpl: typeof fetch, url: string, init: RequestInit, policy: HostPolicy): Promise<Response> {
  checkRequestUrl(url, policy);
  let current = url;
  const visited = new Set<string>([url]);
  for (let hop = 0; ; hop++) {
    const response = await fetchImpl(current, { ...init, redirect: "manual" });
    if (response.type === "opaqueredirect") {
      // A browser: the target is hidden. Let the browser follow, then check where it ended.
      const followed = await fetchImpl(current, { ...init, redirect: "follow" });
      checkFinal(url, followed, policy);
      return followed;
    }
    if (!REDIRECT_STATUSES.has(response.status)) {
      checkFinal(url, response, policy);
      return response;
    }
    await response.body?.cancel().catch(() => undefined);
    const location = response.headers.get("Location");
    if (!location) throw new Error(`HTTP ${response.status} redirect without a Location header`);
    const next = new URL(location, current);
    if (visited.has(next.href) || hop + 1 >= MAX_REDIRECTS) throw new RedirectError(url, "loop", next.href);
    checkHop(url, next, policy);
    visited.add(next.href);
    current = next.href;
  }
}

function checkFinal(original: string, response: Response, policy: HostPolicy): void {
  if (!response.url) return;
  try {
    checkHop(original, new URL(response.url), policy);
  } catch (error) {
    void response.body?.cancel().catch(() => undefined);
    throw error;
  }
}
