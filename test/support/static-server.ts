/**
 * The one static file server of the tests: 127.0.0.1 (a secure context, so WebGPU and the wasm APIs
 * are exposed), Content-Length, HEAD and byte ranges like a real host, and a log of every request
 * so a test can prove what was, or was not, fetched.
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".map": "application/json",
  ".wasm": "application/wasm", // required by WebAssembly.instantiateStreaming
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

export interface ServeOptions {
  /** URL prefix ("/" or "/models/") → folder; the longest prefix wins; a folder serves its index.html. */
  mounts?: Record<string, string>;
  /** Exact path → HTML text. */
  pages?: Record<string, string>;
  /** Sent with every answer (e.g. COOP/COEP for cross-origin isolation). */
  headers?: Record<string, string>;
}

export interface StaticServer {
  origin: string;
  /** "METHOD /path" of every request so far. */
  log: string[];
  close(): Promise<void>;
}

/** The file a path names inside one of the mounts, or undefined (never outside a mount's folder). */
function resolveFile(mounts: Record<string, string>, prefixes: string[], pathname: string): string | undefined {
  const prefix = prefixes.find((p) => pathname.startsWith(p));
  if (prefix === undefined) return undefined;
  const root = normalize(mounts[prefix]);
  let file = normalize(join(root, pathname.slice(prefix.length)));
  if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined;
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
  return existsSync(file) ? file : undefined;
}

function sendFile(response: ServerResponse, file: string, method: string | undefined, range: string | undefined, headers: Record<string, string>): void {
  const size = statSync(file).size;
  const type = { ...headers, "Content-Type": TYPES[extname(file)] ?? "application/octet-stream", "Accept-Ranges": "bytes" };
  const match = range ? /^bytes=(\d+)-(\d*)$/.exec(range) : null;
  if (range && (!match || Number(match[1]) >= size)) {
    response.writeHead(416, { ...headers, "Content-Range": `bytes */${size}` }).end();
    return;
  }
  const start = match ? Number(match[1]) : 0;
  const end = match && match[2] ? Math.min(Number(match[2]), size - 1) : size - 1;
  const status = match ? 206 : 200;
  const rangeHeader: Record<string, string> = match ? { "Content-Range": `bytes ${start}-${end}/${size}` } : {};
  response.writeHead(status, { ...type, ...rangeHeader, "Content-Length": String(size === 0 ? 0 : end - start + 1) });
  if (method === "HEAD" || size === 0) response.end();
  else createReadStream(file, { start, end }).pipe(response);
}

export async function serveStatic(options: ServeOptions = {}): Promise<StaticServer> {
  const mounts = options.mounts ?? {};
  const pages = options.pages ?? {};
  const headers = options.headers ?? {};
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const log: string[] = [];
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    log.push(`${request.method} ${pathname}`);
    if (pages[pathname] !== undefined) {
      response.writeHead(200, { ...headers, "Content-Type": TYPES[".html"] }).end(pages[pathname]);
      return;
    }
    const file = resolveFile(mounts, prefixes, pathname);
    if (!file) response.writeHead(404, headers).end("not found");
    else sendFile(response, file, request.method, request.headers.range, headers);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    log,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
