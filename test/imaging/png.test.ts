import { describe, expect, it } from "vitest";
import { PNG } from "pngjs";
import { decodePng, detectPngRuntime, encodePng } from "../../src/imaging/png";
import { PngError } from "../../src/imaging/errors";
import { randomImage } from "./helpers";

describe("PNG in Node", () => {
  it("picks the Node codec and round-trips RGBA exactly", async () => {
    expect(detectPngRuntime()).toBe("node");
    const img = randomImage(67, 41, 8, false);
    const bytes = await encodePng(img);
    expect(Array.from(bytes.subarray(0, 8))).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const back = await decodePng(bytes);
    expect(back.width).toBe(67);
    expect(back.height).toBe(41);
    expect(back.data).toEqual(img.data);
  });

  it("decodes other colour types (RGB, 8-bit) to RGBA", async () => {
    const png = new PNG({ width: 3, height: 2, colorType: 2, inputHasAlpha: true });
    png.data = Buffer.from(new Uint8Array(24).map((_, i) => ((i & 3) === 3 ? 255 : i * 10)));
    const bytes = new Uint8Array(PNG.sync.write(png, { colorType: 2 }));
    const img = await decodePng(bytes);
    expect(Array.from(img.data.subarray(0, 8))).toEqual([0, 10, 20, 255, 40, 50, 60, 255]);
  });

  it("rejects bytes that are not a PNG", async () => {
    await expect(decodePng(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]))).rejects.toThrow(PngError);
    await expect(decodePng(new Uint8Array(2))).rejects.toThrow(PngError);
  });
});
