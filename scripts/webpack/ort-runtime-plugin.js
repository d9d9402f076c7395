// Ships onnxruntime-web's runtime files (.wasm + its .mjs glue) next to the bundle so the add-on
// never fetches them from a CDN. Which files depends on which ORT entry the code imports: each
// entry point loads a different wasm build. The plugin looks at the modules actually bundled and
// emits the matching files, plus the variants listed in `include`.
import { readFileSync } from "node:fs";
import path from "node:path";
import webpack from "webpack";
import { repoRoot } from "./paths.js";

const ortDist = path.join(repoRoot, "node_modules/onnxruntime-web/dist");

/**
 * ORT bundle file name → wasm build it loads at runtime (onnxruntime-web 1.30):
 *   `onnxruntime-web`, `/all`  → "jsep"     (WebGPU via JSEP + WebNN + CPU)
 *   `onnxruntime-web/webgpu`   → "asyncify" (the newer WebGPU EP)
 *   `onnxruntime-web/wasm`     → ""         (CPU only)
 *   `onnxruntime-web/jspi`     → "jspi"
 */
export function ortVariantOfModule(resource) {
  const name = path.basename(resource ?? "");
  if (!/^ort(\.[a-z]+)*\.m?js$/.test(name) || !resource.includes("onnxruntime-web")) return undefined;
  if (name.startsWith("ort.webgpu.")) return "asyncify";
  if (name.startsWith("ort.wasm.")) return "";
  if (name.startsWith("ort.jspi.")) return "jspi";
  if (name.startsWith("ort.webgl.") || name.startsWith("ort.node.")) return undefined;
  return "jsep";
}

export function ortRuntimeFiles(variant) {
  const stem = variant ? `ort-wasm-simd-threaded.${variant}` : "ort-wasm-simd-threaded";
  return [`${stem}.wasm`, `${stem}.mjs`];
}

export class OrtRuntimePlugin {
  /** @param {{ outputDir: string, include?: string[] }} options */
  constructor(options) {
    this.outputDir = options.outputDir;
    this.include = options.include ?? [];
    this.cache = new Map();
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap("OrtRuntimePlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "OrtRuntimePlugin", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const variants = new Set(this.include);
          for (const module of compilation.modules) {
            const variant = ortVariantOfModule(module.resource);
            if (variant !== undefined) variants.add(variant);
          }
          for (const variant of variants) {
            for (const file of ortRuntimeFiles(variant)) this.emit(compilation, file);
          }
        },
      );
    });
  }

  emit(compilation, file) {
    let buffer = this.cache.get(file);
    if (!buffer) {
      try {
        buffer = readFileSync(path.join(ortDist, file));
      } catch (cause) {
        compilation.errors.push(
          new webpack.WebpackError(`OrtRuntimePlugin: ${file} is missing from node_modules/onnxruntime-web/dist (${cause.message}); run 'npm ci'.`),
        );
        return;
      }
      this.cache.set(file, buffer);
    }
    // minimized: terser must not re-minify ORT's already minified glue module.
    compilation.emitAsset(this.outputDir + file, new webpack.sources.RawSource(buffer), { minimized: true, sourceFilename: file });
  }
}
