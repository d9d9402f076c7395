/**
 * The bench page's HTTP server on 127.0.0.1 (a secure context, so navigator.gpu exists), with
 * COOP/COEP headers so the page is cross-origin isolated — required for
 * performance.measureUserAgentSpecificMemory. Serves folders by URL prefix and in-memory files.
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
};

export interface BenchServer {
  origin: string;
  close(): Promise<void>;
}

export async function startBenchServer(folders: Record<string, string>, files: Record<string, Uint8Array | string>): Promise<BenchServer> {
  const prefixes = Object.keys(folders).sort((a, b) => b.length - a.length);
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    const headers = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp", "Cache-Control": "no-store" };
    const type = TYPES[extname(path)] ?? "application/octet-stream";
    const inMemory = files[path];
    if (inMemory !== undefined) {
      response.writeHead(200, { ...headers, "Content-Type": type }).end(inMemory);
      return;
    }
    const prefix = prefixes.find((p) => path.startsWith(p));
    if (prefix) {
      const root = normalize(folders[prefix]);
      const file = normalize(join(root, path.slice(prefix.length)));
      if (file.startsWith(root + sep) && existsSync(file) && statSync(file).isFile()) {
        response.writeHead(200, { ...headers, "Content-Type": type, "Content-Length": statSync(file).size });
        createReadStream(file).pipe(response);
        return;
      }
    }
    response.writeHead(404, headers).end("not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
