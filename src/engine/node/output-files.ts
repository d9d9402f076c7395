/**
 * Where genfill's images go. Names never collide — not with each other (`--seeds 5,5`) and not
 * with files already in the folder (an earlier run's results stay intact) — and every file is
 * written to a temporary name and renamed, so an interrupted or failed run never leaves a
 * half-written PNG under a real name.
 */
import { accessSync, constants, existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export class OutputFolderError extends Error {
  override name = "OutputFolderError";
}

/** Creates the folder if needed and proves it is writable, before any model is loaded. */
export function prepareOutputFolder(dir: string): void {
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new OutputFolderError(`--out ${dir} is a file, not a folder: give a folder for the images (it is created if missing).`);
  }
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new OutputFolderError(`Cannot write to the output folder ${dir} (${code}): choose another --out folder.`);
  }
}

/** `base.png`, else `base-2.png`, `base-3.png`, … : the first name neither taken on disk nor already chosen. */
export function uniqueNames(dir: string, bases: readonly string[]): string[] {
  const chosen = new Set<string>();
  return bases.map((base) => {
    for (let k = 1; ; k++) {
      const name = k === 1 ? `${base}.png` : `${base}-${k}.png`;
      if (!chosen.has(name) && !existsSync(join(dir, name))) {
        chosen.add(name);
        return name;
      }
    }
  });
}

/** Writes `bytes` to `path` via a temporary file in the same folder and a rename (atomic on one filesystem). */
export function writeFileAtomic(path: string, bytes: Uint8Array): void {
  const temp = `${path}.partial-${process.pid}`;
  try {
    writeFileSync(temp, bytes);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
