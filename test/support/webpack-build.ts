/**
 * The add-on's own webpack build for tests, run as `npm run build` runs it (webpack-cli in a child
 * process) and kept in the temp folder under a hash of everything the build reads. Every browser
 * test of a run, and later runs on unchanged sources, reuse one build instead of compiling the
 * playground again (about a minute of two busy cores each time).
 */
import { spawn } from "node:child_process";
import { createHash, type Hash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { repoRoot } from "./fixture-dirs";

export interface WebpackRun {
  exitCode: number | null;
  output: string;
}

export function runWebpack(args: string[]): Promise<WebpackRun> {
  const cli = join(repoRoot, "node_modules/webpack-cli/bin/cli.js");
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: repoRoot, env: { ...process.env, NO_COLOR: "1" } });
    // A test process that ends (e.g. its hook timed out) takes its build with it.
    const stop = (): void => void child.kill();
    process.once("exit", stop);
    child.on("close", () => process.off("exit", stop));
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (exitCode) => resolvePromise({ exitCode, output }));
  });
}

/** `--env key=value` pairs. */
export function envArgs(env: Record<string, string>): string[] {
  return Object.entries(env).flatMap(([key, value]) => ["--env", `${key}=${value}`]);
}

export type WebpackMode = "development" | "production";

export interface CachedBuildOptions {
  /** Bundles, as `--env only=` takes them ("playground", "panel"). */
  only: string;
  mode: WebpackMode;
  /** A test's own panel entry (`--env panelEntry=`); it may import anything under test/. */
  panelEntry?: string;
}

/** What every build reads besides node_modules (pinned by the lock file). */
const BUILD_INPUTS = [
  "src",
  "assets",
  "scripts/webpack",
  "test/fixtures/tiny-sd/models",
  "test/fixtures/model-twins",
  "webpack.config.js",
  "tsconfig.json",
  "tsconfig.base.json",
  "tsconfig.sandbox.json",
  "manifest.json",
  "package.json",
  "package-lock.json",
];

const CACHE_ROOT = join(tmpdir(), "lgf-webpack-builds");
/** Builds no test has used for this long are deleted (each holds ~40 MB of ORT runtime). */
const STALE_MS = 12 * 3600_000;
const DONE_MARK = ".build-complete";

function hashTree(hash: Hash, path: string, skip: (rel: string) => boolean): void {
  if (!existsSync(path) || skip(relative(repoRoot, path))) return;
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) hashTree(hash, join(path, name), skip);
    return;
  }
  hash.update(relative(repoRoot, path)).update("\0").update(readFileSync(path)).update("\0");
}

function buildKey(options: CachedBuildOptions): string {
  const hash = createHash("sha256").update(JSON.stringify([options.only, options.mode, options.panelEntry ?? ""]));
  for (const input of BUILD_INPUTS) hashTree(hash, join(repoRoot, input), () => false);
  // A test entry may import test helpers and worker files next to it, never the big fixtures.
  if (options.panelEntry) hashTree(hash, join(repoRoot, "test"), (rel) => rel === join("test", "fixtures"));
  return `${options.only.replace(/\W/g, "_")}-${options.mode}-${hash.digest("hex").slice(0, 16)}`;
}

function pruneStale(keep: string): void {
  for (const name of readdirSync(CACHE_ROOT)) {
    const dir = join(CACHE_ROOT, name);
    if (dir === keep) continue;
    try {
      if (Date.now() - statSync(dir).mtimeMs > STALE_MS) rmSync(dir, { recursive: true, force: true });
    } catch {
      // another run removed it first
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes the build lock of one key, or waits while a live process holds it (another test file or
 * another checkout on the same sources: one build serves all). False when the build appeared meanwhile.
 */
async function lockOrWait(lock: string, done: string): Promise<boolean> {
  for (;;) {
    if (existsSync(done)) return false;
    try {
      writeFileSync(lock, String(process.pid), { flag: "wx" });
      return true;
    } catch {
      // held: by a live process, or left by a dead one
    }
    let owner = Number.NaN;
    try {
      owner = Number(readFileSync(lock, "utf8"));
    } catch {
      continue; // released just now
    }
    if (!Number.isInteger(owner) || !isAlive(owner)) rmSync(lock, { force: true });
    else await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

async function build(options: CachedBuildOptions, dir: string): Promise<void> {
  const staging = mkdtempSync(`${dir}.building-`);
  const env: Record<string, string> = { only: options.only, outDir: staging };
  if (options.panelEntry) env.panelEntry = options.panelEntry;
  const run = await runWebpack(["--mode", options.mode, ...envArgs(env)]);
  if (run.exitCode !== 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`webpack (${options.only}, ${options.mode}) failed:\n${run.output}`);
  }
  writeFileSync(join(staging, DONE_MARK), run.output);
  renameSync(staging, dir);
}

/**
 * The output folder of the build for the sources as they are now: built on first use, then reused.
 * A failed build rejects with webpack's output.
 */
export async function cachedWebpackBuild(options: CachedBuildOptions): Promise<string> {
  mkdirSync(CACHE_ROOT, { recursive: true });
  const dir = join(CACHE_ROOT, buildKey(options));
  const lock = `${dir}.lock`;
  if (await lockOrWait(lock, join(dir, DONE_MARK))) {
    try {
      if (!existsSync(join(dir, DONE_MARK))) await build(options, dir);
    } finally {
      rmSync(lock, { force: true });
    }
  }
  const now = new Date();
  utimesSync(dir, now, now); // marks it as in use for pruneStale
  pruneStale(dir);
  return dir;
}
