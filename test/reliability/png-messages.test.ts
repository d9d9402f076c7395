/** Bad PNG files give one sentence that names the file and what to do, never decoder internals. */
import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { PNG } from "pngjs";
import { decodePng } from "../../src/imaging/png";

function png(width = 4, height = 3): Uint8Array {
  const p = new PNG({ width, height });
  p.data.fill(200);
  return new Uint8Array(PNG.sync.write(p));
}

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** A structurally valid PNG whose header says width×height, with `idat` as its compressed data. */
function handMade(width: number, height: number, idat: Uint8Array): Uint8Array {
  const ihdr = new Uint8Array(13);
  new DataView(ihdr.buffer).setUint32(0, width);
  new DataView(ihdr.buffer).setUint32(4, height);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const parts = [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", idat), chunk("IEND", new Uint8Array())];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) (out.set(p, at), (at += p.length));
  return out;
}

const message = async (bytes: Uint8Array) => {
  const error = await decodePng(bytes, "photo.png").then(() => null, (e: Error) => e);
  expect(error?.name).toBe("PngError");
  expect(error!.message).not.toMatch(/waitng|waiting on finished|Crc error|zlib|at .*\.js/);
  return error!.message;
};

describe("PNG decode messages", () => {
  it("names a JPEG renamed .png", async () => {
    expect(await message(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0]))).toBe("photo.png is a JPEG image, not a PNG: convert it to PNG and try again.");
  });

  it("names a WebP renamed .png", async () => {
    expect(await message(new TextEncoder().encode("RIFF\x10\0\0\0WEBPVP8 "))).toMatch(/^photo\.png is a WebP image, not a PNG/);
  });

  it("says a truncated file is cut off", async () => {
    const bytes = png();
    expect(await message(bytes.subarray(0, bytes.length - 20))).toMatch(/^photo\.png is cut off .*export or save it as PNG again\.$/);
  });

  it("says a file cut inside the signature is cut off", async () => {
    expect(await message(png().subarray(0, 5))).toBe("photo.png is cut off after 5 bytes: export or save it as PNG again.");
  });

  it("says a damaged chunk checksum is damage, naming the chunk", async () => {
    const bytes = png().slice();
    bytes[bytes.length - 20] ^= 0xff; // inside IDAT
    expect(await message(bytes)).toMatch(/^photo\.png is damaged \(the checksum of its IDAT chunk is wrong\)/);
  });

  it("refuses a header claiming 60000×60000 before allocating it", async () => {
    const started = performance.now();
    expect(await message(handMade(60000, 60000, deflateSync(new Uint8Array(10))))).toMatch(/^photo\.png says it is 60000×60000 pixels \(3600 MP\), more than the 8192×8192/);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("says corrupt compressed data (with valid checksums) is damage", async () => {
    const rows = deflateSync(new Uint8Array(3 * (1 + 4 * 4)).fill(7));
    expect(await message(handMade(4, 3, rows.subarray(0, rows.length - 6)))).toBe(
      "photo.png is damaged (its compressed pixel data cannot be read): export or save it as PNG again.",
    );
  });

  it("says an empty file is empty", async () => {
    expect(await message(new Uint8Array())).toBe("photo.png is an empty file: export or save it as PNG again.");
  });

  it("says a text file is not a PNG", async () => {
    expect(await message(new TextEncoder().encode("<html>404 Not Found</html>"))).toMatch(/^photo\.png is a text file, not a PNG/);
  });

  it("says a header of 0×0 is no image", async () => {
    expect(await message(handMade(0, 5, deflateSync(new Uint8Array(1))))).toMatch(/says it is 0×5 pixels, which is no image/);
  });

  it("still decodes a good PNG", async () => {
    await expect(decodePng(png(4, 3))).resolves.toMatchObject({ width: 4, height: 3 });
  });
});
