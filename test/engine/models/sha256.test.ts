import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Sha256, sha256Hex } from "../../../src/engine/models/sha256";

const nodeSha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

describe("Sha256 (streaming)", () => {
  it("matches the FIPS 180-4 test vectors", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
  });

  it("equals node:crypto for every length around the block and padding boundaries", () => {
    const data = randomBytes(300);
    for (let n = 0; n <= 200; n++) expect(sha256Hex(data.subarray(0, n))).toBe(nodeSha(data.subarray(0, n)));
  });

  it("gives the same digest however the stream is split into chunks", () => {
    const data = randomBytes(1_000_003);
    const expected = nodeSha(data);
    for (const chunk of [1, 7, 63, 64, 65, 4096, 65_537]) {
      const h = new Sha256();
      // Chunks of varying size so partial-block carry-over is exercised at every offset.
      for (let i = 0, k = 0; i < data.length; k++) {
        const size = chunk === 1 ? 1 + (k % 130) : chunk;
        h.update(data.subarray(i, i + size));
        i += size;
      }
      expect(h.bytesHashed).toBe(data.length);
      expect(h.digestHex()).toBe(expected);
    }
  });

  it("refuses to be used after digest", () => {
    const h = new Sha256().update(new Uint8Array([1]));
    h.digestHex();
    expect(() => h.update(new Uint8Array([2]))).toThrow(/after digest/);
  });
});
