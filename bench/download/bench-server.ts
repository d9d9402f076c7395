/**
 * Child process of the download memory bench: serves one large pseudo-random file (generated chunk
 * by chunk from a seed, never held whole) with Range support, and a Hub-style tree listing giving
 * its size and sha256. Runs in its own process so its memory is not counted as the downloader's.
 * Prints `{"origin": …}` on stdout once listening.
 */
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const SIZE = Number(process.argv[2] ?? 300 * 1024 * 1024);
const CHUNK = 1024 * 1024;

/** Chunk i of the file: xorshift32 bytes seeded by i (cheap, deterministic, incompressible). */
function chunkAt(index: number): Uint8Array {
  const length = Math.min(CHUNK, SIZE - index * CHUNK);
  const words = new Uint32Array(Math.ceil(length / 4));
  let x = (index + 1) * 2654435761 >>> 0 || 1;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x >>> 0;
  }
  return new Uint8Array(words.buffer, 0, length);
}

const hash = createHash("sha256");
for (let i = 0; i * CHUNK < SIZE; i++) hash.update(chunkAt(i));
const sha256 = hash.digest("hex");

const server = createServer(async (req, res) => {
  const path = new URL(req.url ?? "/", "http://x").pathname;
  if (path.startsWith("/api/models/")) {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify([{ type: "file", path: "big/model.onnx_data", size: SIZE, oid: "0".repeat(40), lfs: { oid: sha256, size: SIZE, pointerSize: 134 } }]));
    return;
  }
  const start = Number(req.headers.range?.match(/^bytes=(\d+)-$/)?.[1] ?? 0);
  res.writeHead(start > 0 ? 206 : 200, {
    "Content-Type": "application/octet-stream",
    "Content-Length": String(SIZE - start),
    ETag: `"${sha256.slice(0, 16)}"`,
    ...(start > 0 ? { "Content-Range": `bytes ${start}-${SIZE - 1}/${SIZE}` } : {}),
  });
  for (let i = Math.floor(start / CHUNK); i * CHUNK < SIZE; i++) {
    const chunk = chunkAt(i).subarray(i === Math.floor(start / CHUNK) ? start % CHUNK : 0);
    if (!res.write(chunk)) await new Promise((r) => res.once("drain", r));
  }
  res.end();
});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, size: SIZE, sha256 })}\n`);
});
process.on("disconnect", () => process.exit(0));
