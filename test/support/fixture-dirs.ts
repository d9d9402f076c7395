import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Repository root, whatever the current directory is. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * Folder of a parity suite: the environment variable when set (so other cases in the same
 * format can be run through the same test), else the project's copy under test/fixtures.
 */
export function fixturePath(envVar: string, defaultRelative: string): string {
  const fromEnv = process.env[envVar];
  const chosen = fromEnv && fromEnv.length > 0 ? fromEnv : defaultRelative;
  return isAbsolute(chosen) ? chosen : resolve(fromEnv ? process.cwd() : repoRoot, chosen);
}

/** Lists entries of a folder and throws when it holds none, so a wrong path is never green. */
export function requireEntries(dir: string, filter: (name: string) => boolean, what: string): string[] {
  if (!existsSync(dir)) throw new Error(`${what}: folder not found: ${dir}`);
  const names = readdirSync(dir).filter(filter).sort();
  if (names.length === 0) throw new Error(`${what}: no case in ${dir}`);
  return names;
}

/** Raw little-endian float32 file → Float32Array (copied so it is aligned). */
export function readFloat32(path: string): Float32Array {
  const buf = readFileSync(path);
  const out = new Float32Array(buf.byteLength / 4);
  new Uint8Array(out.buffer).set(buf);
  return out;
}
