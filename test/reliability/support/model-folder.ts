/** A copy of the tiny-sd model folder (graphs symlinked, not copied) with config files added per test. */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { tinyModelsDir } from "../../engine/support/tiny-models";

export function tinyFolderWith(configs: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "model-folder-"));
  for (const part of ["text_encoder", "unet", "unet_inpaint", "vae_encoder", "vae_decoder"]) {
    mkdirSync(join(dir, part));
    symlinkSync(join(tinyModelsDir, part, "model.onnx"), join(dir, part, "model.onnx"));
  }
  for (const [path, value] of Object.entries(configs)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), typeof value === "string" ? value : JSON.stringify(value));
  }
  return dir;
}
