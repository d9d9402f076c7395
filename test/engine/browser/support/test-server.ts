/** A static file server on 127.0.0.1 that logs every request (tests prove what was, or was not, fetched). */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".wasm": "application/wasm",
  ".json": "application/json",
};

export interface TestServer {
  origin: string;
  /** "METHOD /path" of every request so far. */
  log: string[];
  close(): Promise<void>;
}

/** mounts: URL prefix → folder (longest prefix wins); pages: exact path → HTML text. */
export async function startTestServer(mounts: Record<string, string>, pages: Record<string, string> = {}): Promise<TestServer> {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const log: string[] = [];
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    log.push(`${request.method} ${pathname}`);
    if (pages[pathname] !== undefined) {
      response.writeHead(200, { "Content-Type": TYPES[".html"] }).end(pages[pathname]);
      return;
    }
    const prefix = prefixes.find((p) => pathname.startsWith(p));
    const root = prefix === undefined ? undefined : normalize(mounts[prefix]);
    const file = root === undefined ? undefined : normalize(join(root, pathname.slice(prefix!.length)));
    if (!file || !root || !file.startsWith(root.endsWith(sep) ? root : root + sep) || !existsSync(file) || statSync(file).isDirectory()) {
      response.writeHead(404).end("not found");
      return;
    }
    const headers = { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream", "Content-Length": String(statSync(file).size) };
    if (request.method === "HEAD") {
      response.writeHead(200, headers).end();
      return;
    }
    response.writeHead(200, headers);
    createReadStream(file).pipe(response);
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
