// Builds the add-on into dist/ and the standalone playground into dist/playground/.
//
//   dist/index.html, index.js   the panel (React), loads Adobe's UI SDK from Express's CDN
//   dist/sandbox.js             the document sandbox script (manifest: documentSandbox)
//   dist/manifest.json, icons/  validated manifest, icons
//   dist/ort/                   onnxruntime-web's .wasm + .mjs runtime: no CDN at run time
//   dist/playground/            the same panel next to a simulated document (dev/test only)
//
// Options (webpack-cli `--env key=value`):
//   only=panel,sandbox,playground  which bundles (default: panel,sandbox; `serve=express` adds
//                                  playground; `serve=playground` builds only the playground)
//   serve=express|playground       dev server flavour, see scripts/webpack/dev-server.js
//   outDir=path                    output folder (default dist)
//   panelEntry=path                replace the panel entry (tests build fixtures with it)
//   port=number|auto               dev server port
//
// Workers: write `new Worker(new URL("./x.worker.ts", import.meta.url), { type: "module" })` in any
// bundled file; webpack 5 emits the worker as its own ES-module chunk (chunks/), no config needed.
//
// Build-time constant `__ORT_WASM_BASE__` (declared in src/build-constants.d.ts): absolute URL,
// computed at run time from where the bundle was loaded, of the folder holding ORT's runtime files.
// The engine sets `ort.env.wasm.wasmPaths = __ORT_WASM_BASE__` (check `typeof` first: the constant
// does not exist in Node).
import { readFileSync } from "node:fs";
import path from "node:path";
import CopyWebpackPlugin from "copy-webpack-plugin";
import HtmlWebpackPlugin from "html-webpack-plugin";
import webpack from "webpack";
import { devServerOptions } from "./scripts/webpack/dev-server.js";
import { checkedManifest } from "./scripts/webpack/manifest.js";
import { OrtRuntimePlugin } from "./scripts/webpack/ort-runtime-plugin.js";
import { ORT_RUNTIME_DIR, repoRoot, SANDBOX_HOST_MODULES, UI_SDK_URL } from "./scripts/webpack/paths.js";
import { PublicPathConstantPlugin } from "./scripts/webpack/public-path-constant-plugin.js";
import { onnxruntimeParserRule, typescriptRules } from "./scripts/webpack/typescript-rules.js";

const packageVersion = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")).version;

/**
 * An HTML page loading one entry as an ES module. The template is read as plain HTML
 * (templateContent) rather than compiled as a lodash template: that child compilation would run
 * under outputModule and warn about lodash's `with`, and our pages have no template syntax.
 */
function htmlPage(templatePath, entryName, filename = "index.html") {
  return new HtmlWebpackPlugin({
    templateContent: () => readFileSync(path.join(repoRoot, templatePath), "utf8"),
    filename,
    scriptLoading: "module",
    chunks: [entryName],
  });
}

/** Settings every bundle shares: ES-module output, type-checked TypeScript, no eval (CSP-safe). */
function baseConfig({ name, mode, outputPath }) {
  const production = mode === "production";
  return {
    name,
    mode,
    context: repoRoot,
    devtool: production ? "source-map" : "cheap-module-source-map",
    // css: `import "./x.css"` works natively (extracted to a .css file the HTML page links), so
    // the panel carries its own styles into both Express and the playground.
    experiments: { outputModule: true, css: true },
    output: {
      path: outputPath,
      module: true,
      filename: "[name].js",
      chunkFilename: "chunks/[name].[contenthash:8].js",
      assetModuleFilename: "assets/[name].[contenthash:8][ext]",
      publicPath: "auto",
    },
    resolve: { extensions: [".ts", ".tsx", ".mjs", ".js"] },
    module: {
      rules: [
        ...typescriptRules(),
        onnxruntimeParserRule(),
        { test: /\.(png|jpe?g|webp|svg)$/i, type: "asset/resource" },
      ],
    },
    // The ORT wasm files are large by nature; size hints would only add noise.
    performance: { hints: false },
    stats: production ? "normal" : "minimal",
  };
}

function panelConfig({ mode, outDir, panelEntry }) {
  const base = baseConfig({ name: "panel", mode, outputPath: outDir });
  return {
    ...base,
    target: ["web", "es2022"],
    // editor: the region editor page, opened by the panel as an Express custom dialog (editor.html).
    entry: { index: panelEntry ? path.resolve(repoRoot, panelEntry) : "./src/ui/main.tsx", editor: "./src/ui/editor/main.tsx" },
    // The two pages share React and the imaging code as common chunks instead of two copies.
    optimization: { splitChunks: { chunks: "all" } },
    // `import addOnUISdk from "<UI_SDK_URL>"` stays an ES import, resolved by the browser inside
    // Express, exactly as Adobe's templates do it.
    externalsType: "module",
    externals: { [UI_SDK_URL]: UI_SDK_URL },
    plugins: [
      htmlPage("src/ui/index.html", "index"),
      htmlPage("src/ui/editor/editor.html", "editor", "editor.html"),
      new CopyWebpackPlugin({
        patterns: [
          { from: "manifest.json", to: "manifest.json", transform: (content) => checkedManifest(content, packageVersion) },
          { from: "assets/icons", to: "icons" },
        ],
      }),
      new OrtRuntimePlugin({ outputDir: ORT_RUNTIME_DIR, include: ["jsep"] }),
      new PublicPathConstantPlugin({ __ORT_WASM_BASE__: ORT_RUNTIME_DIR }),
    ],
  };
}

/** The document sandbox: one self-contained ES module, no DOM, SDK modules imported from the host. */
function sandboxConfig({ mode, outDir }) {
  const base = baseConfig({ name: "sandbox", mode, outputPath: outDir });
  return {
    ...base,
    target: "es2022", // no platform: the runtime webpack adds must not assume window/self/document
    devtool: mode === "production" ? "source-map" : "inline-cheap-module-source-map",
    entry: { sandbox: "./src/sandbox/main.ts" },
    output: { ...base.output, publicPath: "", chunkLoading: false, wasmLoading: false, workerChunkLoading: false },
    externalsType: "module",
    externals: Object.fromEntries(SANDBOX_HOST_MODULES.map((name) => [name, name])),
    optimization: { splitChunks: false, runtimeChunk: false },
    plugins: [new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 })],
  };
}

/**
 * The playground page: the same panel, hosted by a simulated document instead of Express. Its
 * files live under playground/ in the SAME output root as the add-on (rather than in an output
 * path of their own), so every server maps them to /playground/ — the dev server serves each
 * compiler's output root at "/".
 */
function playgroundConfig({ mode, outDir }) {
  const base = baseConfig({ name: "playground", mode, outputPath: outDir });
  const dir = "playground/";
  return {
    ...base,
    target: ["web", "es2022"],
    entry: { playground: "./src/playground/main.tsx", editor: "./src/playground/editor-main.tsx" },
    optimization: { splitChunks: { chunks: "all" } },
    output: {
      ...base.output,
      filename: `${dir}[name].js`,
      chunkFilename: `${dir}chunks/[name].[contenthash:8].js`,
      assetModuleFilename: `${dir}assets/[name].[contenthash:8][ext]`,
    },
    plugins: [
      htmlPage("src/playground/index.html", "playground", `${dir}index.html`),
      htmlPage("src/ui/editor/editor.html", "editor", `${dir}editor.html`),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/playground", to: `${dir}assets` },
          { from: "assets/icons", to: `${dir}icons` },
          // The tiny random-weight test model, offered by the playground's panel (src/ui/dev-models.ts).
          { from: "test/fixtures/tiny-sd/models", to: `${dir}dev-models/tiny-sd`, globOptions: { ignore: ["**/*.json", "**/unet_inpaint/**"] } },
          // The SlimSAM twin (exact IO, random weights) behind the playground editor's click-select.
          { from: "test/fixtures/model-twins/slimsam-77-uniform/int8", to: `${dir}dev-models/slimsam-twin`, globOptions: { ignore: ["**/README.md"] } },
          // The TAESD twin (TAESD's layers at width 4): the dev catalogue's preview decoder (live previews, Fast finish).
          { from: "test/fixtures/model-twins/taesd/fp32", to: `${dir}dev-models/taesd-twin` },
        ],
      }),
      new OrtRuntimePlugin({ outputDir: `${dir}${ORT_RUNTIME_DIR}`, include: ["jsep"] }),
      new PublicPathConstantPlugin({ __ORT_WASM_BASE__: `${dir}${ORT_RUNTIME_DIR}` }),
    ],
  };
}

const builders = { panel: panelConfig, sandbox: sandboxConfig, playground: playgroundConfig };

function selectedBundles(env) {
  if (env.only) return String(env.only).split(",").map((name) => name.trim());
  if (env.serve === "playground") return ["playground"];
  if (env.serve === "express") return ["panel", "sandbox", "playground"];
  return ["panel", "sandbox"];
}

export default function webpackConfig(env = {}, argv = {}) {
  const mode = argv.mode ?? "development";
  const outDir = path.resolve(repoRoot, env.outDir ?? "dist");
  const names = selectedBundles(env);
  const unknown = names.filter((name) => !(name in builders));
  if (unknown.length > 0) throw new Error(`--env only=${env.only}: unknown bundle(s) ${unknown.join(", ")}; use ${Object.keys(builders).join(", ")}`);
  const configs = names.map((name) => builders[name]({ mode, outDir, panelEntry: env.panelEntry }));
  if (env.serve) {
    if (env.serve !== "express" && env.serve !== "playground") throw new Error(`--env serve=${env.serve}: use express or playground`);
    configs[0].devServer = devServerOptions({ kind: env.serve, port: env.port });
  }
  return configs;
}
