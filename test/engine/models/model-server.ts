/**
 * A real HTTP server on 127.0.0.1 for the downloader tests. Serves files with Range support and
 * logs every request (path, Range header, status, bytes sent) so tests can assert what was and was
 * not fetched. Per-path behaviours simulate the failures the downloader must survive.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
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
}

export interface RequestLog {
  path: string;
  range: string | null;
  status: number;
  bytesSent: number;
  /** Offset of the first byte sent. */
  start: number;
}

export interface ModelServer {
  origin: string;
  host: string;
  log: RequestLog[];
  behaviours: Map<string, Behaviour>;
  close(): Promise<void>;
}

export async function startModelServer(files: Map<string, Uint8Array>, extraHeaders: Record<string, string> = {}): Promise<ModelServer> {
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
    const entry: RequestLog = { path, range, status: 0, bytesSent: 0, start: 0 };
    log.push(entry);
    for (const [k, v] of Object.entries(extraHeaders)) res.setHeader(k, v);
    const data = files.get(path);
    const limited = count <= (behaviour.times ?? Infinity);
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
    let start = 0;
    const m = range?.match(/^bytes=(\d+)-$/);
    if (m && !behaviour.ignoreRange) {
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
        "Content-Range": `bytes ${start}-${data.length - 1}/${data.length}`,
        "Accept-Ranges": "bytes",
      });
    } else {
      entry.status = 200;
      res.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": String(data.length), "Accept-Ranges": "bytes" });
    }
    entry.start = start;
    let body = data.subarray(start);
    if (behaviour.corruptByteAt !== undefined && behaviour.corruptByteAt >= start && limited) {
      body = new Uint8Array(body);
      body[behaviour.corruptByteAt - start] ^= 0xff;
    }
    const cutAt = behaviour.cutAfterBytes !== undefined && limited ? behaviour.cutAfterBytes : Infinity;
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
