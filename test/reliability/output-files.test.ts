/** genfill never overwrites an earlier result and never leaves a half-written PNG. */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OutputFolderError, prepareOutputFolder, uniqueNames, writeFileAtomic } from "../../src/engine/node/output-files";

const fresh = () => mkdtempSync(join(tmpdir(), "genfill-out-"));

describe("genfill output files", () => {
  it("gives duplicate seeds two file names (--seeds 5,5 keeps both images)", () => {
    expect(uniqueNames(fresh(), ["genfill-seed5", "genfill-seed5"])).toEqual(["genfill-seed5.png", "genfill-seed5-2.png"]);
  });

  it("does not overwrite a file an earlier run wrote", () => {
    const dir = fresh();
    writeFileSync(join(dir, "genfill-seed7.png"), "earlier");
    expect(uniqueNames(dir, ["genfill-seed7"])).toEqual(["genfill-seed7-2.png"]);
    expect(readFileSync(join(dir, "genfill-seed7.png"), "utf8")).toBe("earlier");
  });

  it("writes through a temporary name and leaves nothing behind when the rename fails", () => {
    const dir = fresh();
    mkdirSync(join(dir, "taken.png")); // a folder under the final name: rename fails
    expect(() => writeFileAtomic(join(dir, "taken.png"), new Uint8Array([1, 2, 3]))).toThrow();
    expect(readdirSync(dir)).toEqual(["taken.png"]);
  });

  it("refuses an --out that is a file, before anything runs", () => {
    const file = join(fresh(), "out.png");
    writeFileSync(file, "x");
    expect(() => prepareOutputFolder(file)).toThrow(OutputFolderError);
  });

  it.skipIf(process.getuid?.() === 0)("refuses an --out folder that cannot be written", () => {
    const dir = fresh();
    chmodSync(dir, 0o500);
    expect(() => prepareOutputFolder(dir)).toThrow(/Cannot write to the output folder/);
  });
});
