/** Attacks through model folders (configs, graphs) and image files. */
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { deflateSync } from "node:zlib";
import { PNG } from "pngjs";
import { readModelDir } from "../../../src/engine/node/model-dir";
import { loadEngineFromSources } from "../../../src/engine/worker/engine-from-sources";
import { SD15_SCHEDULER_CONFIG } from "../../../src/engine/model-layout";
import type { ExecutionBackend } from "../../../src/engine/runtime/backend";
import { decodePng } from "../../../src/imaging/png";
import { refuse, succeed, type AttackCase } from "./case";

export const TINY = join(import.meta.dirname, "../../fixtures/tiny-sd/models");

export function folderWith(files: Record<string, unknown>, skip: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), "attack-folder-"));
  for (const part of ["text_encoder", "unet", "unet_inpaint", "vae_encoder", "vae_decoder"]) {
    if (skip.includes(part)) continue;
    mkdirSync(join(dir, part));
    if (!(`${part}/model.onnx` in files)) symlinkSync(join(TINY, part, "model.onnx"), join(dir, part, "model.onnx"));
  }
  for (const [path, value] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), value instanceof Uint8Array || typeof value === "string" ? value : JSON.stringify(value));
  }
  return dir;
}

const sched = (o: Record<string, unknown>) => ({ "scheduler/scheduler_config.json": { ...SD15_SCHEDULER_CONFIG, ...o } });

function png(width: number, height: number): Uint8Array {
  const p = new PNG({ width, height });
  p.data.fill(90);
  return new Uint8Array(PNG.sync.write(p));
}

export function folderCases(backend: () => ExecutionBackend): AttackCase[] {
  const M = "model folder";
  const load = (dir: string) => async () => {
    const folder = readModelDir(dir);
    const engine = await loadEngineFromSources(backend(), folder.sources, folder.settings);
    await engine.release();
  };
  const read = (files: Record<string, unknown>, skip: string[] = []) => () => readModelDir(folderWith(files, skip));
  const good = png(8, 8);
  const damaged = good.slice();
  damaged[damaged.length - 16] ^= 0xff;
  /** A real PNG whose header is rewritten to w×h, with its checksum fixed (only the size lies). */
  const ihdr = (w: number, h: number) => {
    const bytes = png(8, 8).slice();
    const view = new DataView(bytes.buffer);
    view.setUint32(16, w);
    view.setUint32(20, h);
    view.setUint32(29, crc32(bytes.subarray(12, 29)));
    return bytes;
  };
  const P = "image file";
  return [
    refuse(M, "folder does not exist", () => readModelDir("/no/such/model")),
    refuse(M, "folder is a file", () => readModelDir(join(TINY, "config.json"))),
    refuse(M, "no unet/model.onnx", read({}, ["unet", "unet_inpaint"])),
    refuse(M, "no vae_decoder/model.onnx", read({}, ["vae_decoder"])),
    refuse(M, "vae scaling_factor 0", read({ "vae_decoder/config.json": { scaling_factor: 0 } })),
    refuse(M, "vae scaling_factor as text", read({ "vae/config.json": { scaling_factor: "0.18" } })),
    refuse(M, "vae scaling_factor 1e9", read({ "vae_decoder/config.json": { scaling_factor: 1e9 } })),
    refuse(M, "unet in_channels 7", read({ "unet/config.json": { in_channels: 7 } })),
    refuse(M, "unet sample_size -1", read({ "unet/config.json": { sample_size: -1 } })),
    refuse(M, "text_encoder vocab_size 0", read({ "text_encoder/config.json": { vocab_size: 0 } })),
    refuse(M, "scheduler config is not JSON", read({ "scheduler/scheduler_config.json": "{ nope" })),
    refuse(M, "scheduler config is a list", read({ "scheduler/scheduler_config.json": [1, 2] })),
    refuse(M, "beta_start NaN", read(sched({ beta_start: "nan" }))),
    refuse(M, "beta_end 2", read(sched({ beta_end: 2 }))),
    refuse(M, "beta_start above beta_end", read(sched({ beta_start: 0.5, beta_end: 0.1 }))),
    refuse(M, "trained_betas with a zero", read(sched({ trained_betas: Array.from({ length: 1000 }, (_, i) => (i === 3 ? 0 : 0.01)) }))),
    refuse(M, "trained_betas too short", read(sched({ trained_betas: [0.01, 0.02] }))),
    refuse(M, "num_train_timesteps 0.5", read(sched({ num_train_timesteps: 0.5 }))),
    refuse(M, "beta_schedule unknown", read(sched({ beta_schedule: "cubic" }))),
    refuse(M, "in_channels contradicting the graph", load(folderWith({ "unet/config.json": { in_channels: 9 } }, ["unet_inpaint"]))),
    refuse(M, "a graph file that is garbage", load(folderWith({ "unet/model.onnx": new Uint8Array(1000).fill(7) }))),
    refuse(M, "an empty graph file", load(folderWith({ "vae_decoder/model.onnx": new Uint8Array(0) }))),
    refuse(M, "a text encoder graph in the UNet's place", load(folderWith({ "unet/model.onnx": new Uint8Array(readFileSync(join(TINY, "text_encoder", "model.onnx"))) }))),
    succeed(M, "the tiny folder with correct configs loads", load(folderWith({ "unet/config.json": { in_channels: 4, sample_size: 32 }, "vae_decoder/config.json": { scaling_factor: 0.18215 } }))),
    refuse(P, "JPEG renamed .png", () => decodePng(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]), "photo.png")),
    refuse(P, "truncated PNG", () => decodePng(good.subarray(0, good.length - 30), "photo.png")),
    refuse(P, "CRC damaged", () => decodePng(damaged, "photo.png")),
    refuse(P, "header claiming 60000²", () => decodePng(ihdr(60000, 60000), "photo.png")),
    refuse(P, "header claiming 0×0", () => decodePng(ihdr(0, 0), "photo.png")),
    refuse(P, "empty file", () => decodePng(new Uint8Array(0), "photo.png")),
    refuse(P, "HTML error page saved as .png", () => decodePng(new TextEncoder().encode("<!doctype html><title>404</title>"), "photo.png")),
    refuse(P, "GIF renamed .png", () => decodePng(new TextEncoder().encode("GIF89a\x01\x00\x01\x00"), "photo.png")),
    refuse(P, "cut compressed data", () => {
      const bytes = png(8, 8);
      const idat = deflateSync(new Uint8Array(8 * 33).fill(3)).subarray(0, 6);
      return decodePng(replaceIdat(bytes, idat), "photo.png");
    }),
    succeed(P, "a good PNG decodes", () => decodePng(good, "photo.png")),
  ];
}

function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (const x of b) {
    c ^= x;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

/** The PNG with its IDAT data replaced (valid CRC): damage only the decoder can see. */
function replaceIdat(bytes: Uint8Array, data: Uint8Array): Uint8Array {
  const header = bytes.subarray(0, 33);
  const crcTable = crc32;
  const chunk = (type: string, d: Uint8Array) => {
    const out = new Uint8Array(12 + d.length);
    const v = new DataView(out.buffer);
    v.setUint32(0, d.length);
    out.set(new TextEncoder().encode(type), 4);
    out.set(d, 8);
    v.setUint32(8 + d.length, crcTable(out.subarray(4, 8 + d.length)));
    return out;
  };
  return new Uint8Array([...header, ...chunk("IDAT", data), ...chunk("IEND", new Uint8Array())]);
}
