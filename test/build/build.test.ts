/**
 * The production build, run as `npm run build` runs it (webpack-cli in a child process), into a
 * temporary folder: what Express loads must be there, valid, self-contained and CDN-free.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AddOnManifestValidator } from "@adobe/ccweb-add-on-manifest";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../support/fixture-dirs";
import { envArgs, runWebpack, type WebpackRun } from "../support/webpack-build";

const UI_SDK_URL = "https://new.express.adobe.com/static/add-on-sdk/sdk.js";
const ortDist = join(repoRoot, "node_modules/onnxruntime-web/dist");

let outDir: string;
let build: WebpackRun;
const read = (name: string) => readFileSync(join(outDir, name));
const readText = (name: string) => readFileSync(join(outDir, name), "utf8");

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), "lgf-build-"));
  build = await runWebpack(["--mode", "production", ...envArgs({ outDir })]);
}, 300_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("production build", () => {
  it("exits 0 without errors", () => {
    expect(build.output).not.toMatch(/\bERROR\b/);
    expect(build.exitCode, build.output).toBe(0);
  });

  it("emits a manifest that Adobe's validator accepts in both workflows, pointing at emitted files", () => {
    const manifest = JSON.parse(readText("manifest.json"));
    expect(manifest).toEqual(JSON.parse(readFileSync(join(repoRoot, "manifest.json"), "utf8")));
    for (const isDeveloperAddOn of [true, false]) {
      const result = new AddOnManifestValidator().validateManifestSchema(manifest, { sourceId: "test", privileged: false, isDeveloperAddOn });
      expect(result.errorDetails ?? [], `developer=${isDeveloperAddOn}`).toEqual([]);
      expect(result.success).toBe(true);
    }
    expect(manifest.manifestVersion).toBe(2);
    expect(manifest.requirements.renditionPreview).toBe(true);
    const [entry] = manifest.entryPoints;
    expect(entry.type).toBe("panel");
    expect(existsSync(join(outDir, entry.main))).toBe(true);
    expect(existsSync(join(outDir, entry.documentSandbox))).toBe(true);
    const packageJson = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));
    expect(manifest.version).toBe(packageJson.version);
  });

  it("emits index.html loading the UI bundle as an ES module", () => {
    const html = readText("index.html");
    expect(html).toMatch(/<script type="?module"? src="?index\.js"?>/);
    expect(html).toMatch(/id="?root"?/);
    // CSS imported by the panel is extracted and linked (webpack's native CSS support).
    expect(html).toMatch(/<link href="?index\.css"? rel="?stylesheet"?>/);
    expect(readText("index.css")).toContain(".panel");
    // The panel and the region editor page share chunks, which index.js imports statically: the
    // panel's code is index.js plus those.
    const entry = readText("index.js");
    const shared = [...entry.matchAll(/import\*as \w+ from"\.\/([\w.-]+\.js)"/g)].map((m) => m[1]);
    const bundle = [entry, ...shared.map(readText)].join("\n");
    // The UI SDK stays an import resolved by the browser inside Express, as in Adobe's templates.
    expect(bundle).toContain(`from"${UI_SDK_URL}"`);
    expect(bundle.length).toBeGreaterThan(50_000); // React is bundled, not external
  });

  it("emits sandbox.js as one ES module importing only the two host-provided SDK modules", () => {
    const sandbox = readText("sandbox.js");
    const imports = [...sandbox.matchAll(/import\s*(?:[^"';]*?from\s*)?"([^"]+)"/g)].map((match) => match[1]).sort();
    expect(imports).toEqual(["add-on-sdk-document-sandbox", "express-document-sdk"]);
    expect(sandbox).not.toMatch(/import\(/); // no chunk loading: the sandbox gets exactly one script
    expect(readdirSync(outDir).filter((name) => name.startsWith("sandbox") && name.endsWith(".js"))).toEqual(["sandbox.js"]);
  });

  it("bakes no path of the build machine into the shipped code", () => {
    // e.g. `import.meta.url` evaluated at build time to file:///…/node_modules/… (ORT's own code
    // legitimately mentions "file://", so the check looks for this checkout's path).
    for (const name of ["index.js", "sandbox.js"]) {
      const code = readText(name);
      const at = code.indexOf(repoRoot);
      expect(at === -1 ? "" : code.slice(Math.max(0, at - 80), at + 120), name).toBe("");
    }
  });

  it("ships the icons as PNGs of their stated size", () => {
    for (const size of [24, 48, 96, 144, 192]) {
      const png = PNG.sync.read(read(`icons/icon-${size}.png`));
      expect([png.width, png.height]).toEqual([size, size]);
    }
  });

  it("ships onnxruntime-web's runtime files byte for byte, so nothing is fetched from a CDN", () => {
    for (const file of ["ort-wasm-simd-threaded.jsep.wasm", "ort-wasm-simd-threaded.jsep.mjs"]) {
      expect(read(`ort/${file}`).equals(readFileSync(join(ortDist, file))), file).toBe(true);
    }
    // The wasm starts with the wasm magic number.
    expect([...read("ort/ort-wasm-simd-threaded.jsep.wasm").subarray(0, 4)]).toEqual([0x00, 0x61, 0x73, 0x6d]);
  });
});

describe("build failures are loud", () => {
  it("exits non-zero on a type error in a bundled file (ts-loader type-checks, not transpile-only)", async () => {
    // Written outside the typechecked folders so `npm run typecheck` never sees it.
    const dir = join(repoRoot, "test-results/build-fixtures");
    mkdirSync(dir, { recursive: true });
    const entry = join(dir, "type-error-entry.ts");
    writeFileSync(entry, 'const count: number = "three";\nconsole.log(count);\n');
    const out = mkdtempSync(join(tmpdir(), "lgf-broken-"));
    try {
      const run = await runWebpack(["--mode", "development", ...envArgs({ only: "panel", panelEntry: entry, outDir: out })]);
      expect(run.exitCode).not.toBe(0);
      expect(run.output).toContain("TS2322");
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);

  it("exits non-zero when an import cannot be resolved", async () => {
    const dir = join(repoRoot, "test-results/build-fixtures");
    mkdirSync(dir, { recursive: true });
    const entry = join(dir, "missing-import-entry.ts");
    writeFileSync(entry, 'import { nothing } from "./does-not-exist";\nconsole.log(nothing);\n');
    const out = mkdtempSync(join(tmpdir(), "lgf-broken-"));
    try {
      const run = await runWebpack(["--mode", "development", ...envArgs({ only: "panel", panelEntry: entry, outDir: out })]);
      expect(run.exitCode).not.toBe(0);
      expect(run.output).toMatch(/Can't resolve '\.\/does-not-exist'|Cannot find module '\.\/does-not-exist'/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});

describe("workers", () => {
  it("emits `new Worker(new URL(...), { type: \"module\" })` as its own chunk, with its ORT entry's runtime files", async () => {
    const out = mkdtempSync(join(tmpdir(), "lgf-worker-"));
    try {
      const entry = join(repoRoot, "test/build/fixtures/worker-entry.ts");
      const run = await runWebpack(["--mode", "development", ...envArgs({ only: "panel", panelEntry: entry, outDir: out })]);
      expect(run.exitCode, run.output).toBe(0);
      const chunks = readdirSync(join(out, "chunks")).filter((name) => name.endsWith(".js"));
      const workerChunks = chunks.filter((name) => readFileSync(join(out, "chunks", name), "utf8").includes("FIXTURE_WORKER_MARKER"));
      expect(workerChunks).toHaveLength(1);
      expect(readFileSync(join(out, "index.js"), "utf8")).toContain(workerChunks[0]);
      // The worker imports onnxruntime-web/wasm: its CPU-only runtime ships next to the default one.
      expect(readdirSync(join(out, "ort")).sort()).toEqual([
        "ort-wasm-simd-threaded.jsep.mjs",
        "ort-wasm-simd-threaded.jsep.wasm",
        "ort-wasm-simd-threaded.mjs",
        "ort-wasm-simd-threaded.wasm",
      ]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 180_000);
});
