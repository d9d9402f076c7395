/**
 * A real HTTP server on 127.0.0.1 for the downloader tests. Serves files with Range support and
 * logs every request (path, Range header, status, bytes sent) so tests can assert what was and was
 * not fetched. Per-path behaviours simulate the failures the downloader must survive.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import type { AddressInfo } from "node:net";

export interface Behaviour {
  /** Destroy the socket after sending this many body bytes, for the first `times` requests. */
  cutAfterBytes?: number;
  times?: number;
  /** XOR this byte offset of the file with 0xff (for the first `times` responses, or all). */
  corruptByteAt?: number;
  /** Send in chunks of this size with this delay between them. */
  chunkBytes?: number;
  chunkDelayMs?: number;
  /** Answer 404. */
  notFound?: boolean;
  /** Ignore Range headers (always 200 with the whole file). */
  ignoreRange?: boolean;
  /** Answer 503 to the first `times` requests. */
  unavailable?: boolean;
  /** Answer this status (429, 500…) to the first `times` requests, with this Retry-After. */
  status?: number;
  retryAfter?: string;
  /** Answer 302 to this URL (absolute, or a path on this server). */
  redirectTo?: string;
  /** Send the body gzip-compressed, chunked, without Content-Length. */
  gzip?: boolean;
  /** Send the body without Content-Length or chunking: its end is the connection closing. */
  closeDelimited?: boolean;
  /** Send this Content-Length (and only that many bytes) instead of the true one. */
  contentLength?: number;
  /** Answer a Range request with 206 but no Content-Range header. */
  noContentRange?: boolean;
  /** Send response headers and this many bytes, then hang without closing (a stalled connection). */
  hangAfterBytes?: number;
  /** After the first `times` requests, serve these bytes instead (the file changed on the server). */
  replaceWith?: Uint8Array;
}

export interface RequestLog {
  path: string;
  range: string | null;
  status: number;
  bytesSent: number;
  /** Offset of the first byte sent. */
  start: number;
  ifRange: string | null;
}

export interface ModelServer {
  origin: string;
  host: string;
  log: RequestLog[];
  behaviours: Map<string, Behaviour>;
  close(): Promise<void>;
}

/**
 * `/api/models/<owner>/<name>/tree/<rev>` lists the files under `/<name>/` like the Hub's tree
 * endpoint: path, size, git blob oid, and `lfs: { oid: sha256, size }` for .onnx/.onnx_data files.
 */
function treeListing(files: Map<string, Uint8Array>, name: string, pageSize: number, cursor: number): { entries: object[]; next: number | null } {
  const prefix = `/${name}/`;
  const all = [...files.entries()].filter(([p]) => p.startsWith(prefix)).sort(([a], [b]) => a.localeCompare(b));
  const entries = all.slice(cursor, cursor + pageSize).map(([p, bytes]) => {
    const path = p.slice(prefix.length);
    const gitOid = createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
    const lfs = /\.onnx(_data)?$|\.pb$/.test(path);
    return { type: "file", path, size: bytes.length, oid: gitOid, ...(lfs ? { lfs: { oid: createHash("sha256").update(bytes).digest("hex"), size: bytes.length, pointerSize: 134 } } : {}) };
  });
  return { entries, next: cursor + pageSize < all.length ? cursor + pageSize : null };
}

export async function startModelServer(files: Map<string, Uint8Array>, extraHeaders: Record<string, string> = {}, options: { treePageSize?: number } = {}): Promise<ModelServer> {
  const log: RequestLog[] = [];
  const behaviours = new Map<string, Behaviour>();
  const served = new Map<string, number>();
  const sockets = new Set<import("node:net").Socket>();

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const behaviour = behaviours.get(path) ?? {};
    const count = (served.get(path) ?? 0) + 1;
    served.set(path, count);
    const range = req.headers.range ?? null;
    const entry: RequestLog = { path, range, status: 0, bytesSent: 0, start: 0, ifRange: (req.headers["if-range"] as string | undefined) ?? null };
    log.push(entry);
    for (const [k, v] of Object.entries(extraHeaders)) res.setHeader(k, v);
    const tree = path.match(/^\/api\/models\/[^/]+\/([^/]+)\/tree\/[^/]+$/);
    if (tree) {
      const cursor = Number(new URL(req.url ?? "/", "http://x").searchParams.get("cursor") ?? 0);
      const page = treeListing(files, tree[1], options.treePageSize ?? 1000, cursor);
      entry.status = behaviour.status ?? 200;
      if (behaviour.notFound) entry.status = 404;
      const headers: Record<string, string> = { "Content-Type": "application/json" };
      if (page.next !== null) headers.Link = `<${path}?recursive=true&cursor=${page.next}>; rel="next"`;
      res.writeHead(entry.status, headers).end(entry.status === 200 ? JSON.stringify(page.entries) : "{}");
      return;
    }
    const limited = count <= (behaviour.times ?? Infinity);
    const original = files.get(path);
    const data = behaviour.replaceWith && !limited ? behaviour.replaceWith : original;
    if (behaviour.redirectTo && limited) {
      entry.status = 302;
      res.writeHead(302, { Location: behaviour.redirectTo }).end();
      return;
    }
    if (!data || behaviour.notFound) {
      entry.status = 404;
      res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
      return;
    }
    if (behaviour.unavailable && limited) {
      entry.status = 503;
      res.writeHead(503).end("busy");
      return;
    }
    if (behaviour.status && limited) {
      entry.status = behaviour.status;
      res.writeHead(behaviour.status, behaviour.retryAfter ? { "Retry-After": behaviour.retryAfter } : {}).end("no");
      return;
    }
    const etag = `"${createHash("sha256").update(data).digest("hex").slice(0, 16)}"`;
    res.setHeader("ETag", etag);
    const ifRange = req.headers["if-range"];
    let start = 0;
    const m = range?.match(/^bytes=(\d+)-$/);
    if (m && !behaviour.ignoreRange && (!ifRange || ifRange === etag)) {
      start = Number(m[1]);
      if (start >= data.length) {
        entry.status = 416;
        res.writeHead(416, { "Content-Range": `bytes */${data.length}` }).end();
        return;
      }
      entry.status = 206;
      res.writeHead(206, {
        "Content-Type": "application/octet-stream",
        "Content-Length": String(data.length - start),
        ...(behaviour.noContentRange ? {} : { "Content-Range": `bytes ${start}-${data.length - 1}/${data.length}` }),
        "Accept-Ranges": "bytes",
      });
    } else if (behaviour.gzip) {
      entry.status = 200;
      res.writeHead(200, { "Content-Type": "application/json", "Content-Encoding": "gzip" });
    } else if (behaviour.closeDelimited) {
      // Raw HTTP/1.1 without Content-Length or chunking: the body ends when the connection closes.
      entry.status = 200;
      const socket = res.socket!;
      socket.write(`HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n`);
      const cut = behaviour.cutAfterBytes !== undefined && limited ? behaviour.cutAfterBytes : data.length;
      socket.end(data.subarray(0, cut));
      entry.bytesSent = Math.min(cut, data.length);
      return;
    } else {
      entry.status = 200;
      res.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": String(behaviour.contentLength ?? data.length), "Accept-Ranges": "bytes" });
    }
    entry.start = start;
    let body = data.subarray(start);
    if (behaviour.gzip) body = new Uint8Array(gzipSync(body));
    if (behaviour.contentLength !== undefined && entry.status === 200) body = body.subarray(0, behaviour.contentLength);
    if (behaviour.corruptByteAt !== undefined && behaviour.corruptByteAt >= start && limited) {
      body = new Uint8Array(body);
      body[behaviour.corruptByteAt - start] ^= 0xff;
    }
    const cutAt = behaviour.cutAfterBytes !== undefined && limited ? behaviour.cutAfterBytes : Infinity;
    if (behaviour.hangAfterBytes !== undefined && limited) {
      res.write(body.subarray(0, behaviour.hangAfterBytes));
      entry.bytesSent = behaviour.hangAfterBytes;
      return; // never ends: the client's stall timeout must notice
    }
    const chunk = behaviour.chunkBytes ?? 64 * 1024;
    for (let i = 0; i < body.length; i += chunk) {
      if (res.destroyed) return;
      const piece = body.subarray(i, Math.min(i + chunk, body.length, cutAt));
      if (piece.length > 0) {
        await new Promise<void>((resolve) => res.write(piece, () => resolve()));
        entry.bytesSent += piece.length;
      }
      if (i + chunk >= cutAt) {
        // Simulate a dropped connection: the client sees the body stream end mid-file. Closing
        // gracefully (FIN, not RST) delivers every byte already written, so the log's bytesSent is
        // exactly what the client received — an abrupt reset can drop in-flight bytes under load
        // and make the resume offset nondeterministic.
        res.socket?.end();
        return;
      }
      if (behaviour.chunkDelayMs) await new Promise((r) => setTimeout(r, behaviour.chunkDelayMs));
    }
    res.end();
  };

  const server: Server = createServer((req, res) => {
    handler(req, res).catch(() => res.destroy());
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    log,
    behaviours,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}
