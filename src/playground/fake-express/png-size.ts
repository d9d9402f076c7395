/** Width and height from a PNG's IHDR chunk, without decoding (works in Node and browsers). */
const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

export function readPngSize(bytes: ArrayBuffer): { width: number; height: number } {
  const view = new DataView(bytes);
  const ok =
    bytes.byteLength >= 24 &&
    SIGNATURE.every((v, i) => view.getUint8(i) === v) &&
    String.fromCharCode(view.getUint8(12), view.getUint8(13), view.getUint8(14), view.getUint8(15)) === "IHDR";
  if (!ok) throw new Error("loadBitmapImage: the data is not a PNG image.");
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
