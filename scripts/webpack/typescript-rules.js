// How TypeScript reaches webpack: ts-loader WITH type checking (not transpileOnly), so a type error
// is a webpack error and `npm run build` exits non-zero. Two compiler instances mirror the two
// tsconfigs: the document sandbox and the contract compile without DOM libs (a stray `document`
// or `fetch` there is a build error), everything else compiles with the panel's config.
import path from "node:path";
import { repoRoot } from "./paths.js";

/** Folders compiled with tsconfig.sandbox.json (no DOM). */
export const sandboxSourceDirs = [path.join(repoRoot, "src/sandbox"), path.join(repoRoot, "src/contract")];

function tsLoader(configFile, instance) {
  return {
    loader: "ts-loader",
    options: {
      configFile: path.join(repoRoot, configFile),
      instance,
      // Only report on what is bundled: other engineers' half-written files elsewhere in the tree
      // must not break the build, but anything the add-on ships must typecheck.
      onlyCompileBundledFiles: true,
      compilerOptions: { noEmit: false, sourceMap: true },
    },
  };
}

export function typescriptRules() {
  return [
    {
      test: /\.tsx?$/,
      include: sandboxSourceDirs,
      use: [tsLoader("tsconfig.sandbox.json", "sandbox")],
    },
    {
      test: /\.tsx?$/,
      exclude: [/node_modules/, ...sandboxSourceDirs],
      use: [tsLoader("tsconfig.json", "panel")],
    },
  ];
}

/**
 * onnxruntime-web's ESM builds locate their .wasm/.mjs runtime with `new URL(..., import.meta.url)`
 * and spawn their own threads. Webpack must leave that code alone: otherwise it copies a hashed
 * 28 MB wasm per build, bakes this machine's file:// path into `import.meta.url`, and tries to
 * bundle ORT's self-spawning worker. The runtime files are shipped by OrtRuntimePlugin instead and
 * found through `__ORT_WASM_BASE__`.
 */
export function onnxruntimeParserRule() {
  return {
    test: /[\\/]node_modules[\\/]onnxruntime-web[\\/]dist[\\/].*\.m?js$/,
    parser: { url: false, importMeta: false, worker: false },
  };
}
