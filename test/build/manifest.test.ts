/**
 * manifest.json against Adobe's own validator (@adobe/ccweb-add-on-manifest), and the build-time
 * check (scripts/webpack/manifest.js) that turns a bad manifest into a failed build.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkedManifest, manifestProblems } from "../../scripts/webpack/manifest.js";
import { repoRoot } from "../support/fixture-dirs";

const source = readFileSync(join(repoRoot, "manifest.json"), "utf8");
const manifest = JSON.parse(source);
const packageVersion: string = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")).version;

describe("manifest.json", () => {
  it("passes Adobe's developer and marketplace schemas", () => {
    expect(manifestProblems(manifest)).toEqual([]);
  });

  it("declares one panel with a document sandbox and the stable preview renditions", () => {
    expect(manifest.manifestVersion).toBe(2);
    expect(manifest.requirements.apps).toEqual([{ name: "Express", apiVersion: 1 }]);
    expect(manifest.requirements.renditionPreview).toBe(true);
    expect(manifest.entryPoints).toHaveLength(1);
    expect(manifest.entryPoints[0]).toMatchObject({ type: "panel", main: "index.html", documentSandbox: "sandbox.js" });
  });

  it("asks for no iframe permissions: nothing opens pop-ups or downloads files", () => {
    expect(manifest.entryPoints[0].permissions).toBeUndefined();
  });

  it("is accepted by the build-time check unchanged", () => {
    expect(JSON.parse(checkedManifest(source, packageVersion))).toEqual(manifest);
  });
});

describe("the build-time manifest check", () => {
  it("rejects what Adobe's validator rejects, naming the field", () => {
    const broken = { ...manifest, entryPoints: [{ ...manifest.entryPoints[0], type: "sidebar" }] };
    expect(manifestProblems(broken).join("\n")).toMatch(/entryPoints\/0\/type/);
    expect(() => checkedManifest(JSON.stringify(broken), packageVersion)).toThrow(/manifest\.json is invalid:[\s\S]*entryPoints\/0\/type/);
  });

  it("rejects a manifest without testId for development mode", () => {
    const { testId: _unused, ...withoutTestId } = manifest;
    expect(manifestProblems(withoutTestId).join("\n")).toMatch(/developer schema/);
  });

  it("rejects unknown sandbox permissions", () => {
    const broken = { ...manifest, entryPoints: [{ ...manifest.entryPoints[0], permissions: { sandbox: ["allow-same-origin"] } }] };
    expect(manifestProblems(broken).length).toBeGreaterThan(0);
  });

  it("rejects a version that differs from package.json and text that is not JSON", () => {
    expect(() => checkedManifest(source, "9.9.9")).toThrow(/differs from package\.json's 9\.9\.9/);
    expect(() => checkedManifest("{ not json", packageVersion)).toThrow(/not valid JSON/);
  });
});
