/** The Models list reads the cache again whenever the region editor closes (it may have downloaded SlimSAM). */
import { describe, expect, it } from "vitest";
import type { RegionEditorInput, RegionEditorResult } from "../../src/contract/region-editor";
import { refreshingAfterEditor } from "../../src/ui/models/refresh-after-editor";

describe("refreshingAfterEditor", () => {
  it("refreshes after the editor closes, whether it was done, cancelled or failed, and passes its answer on", async () => {
    let refreshes = 0;
    const refresh = async () => void refreshes++;
    const answers: (() => Promise<RegionEditorResult>)[] = [async () => ({ status: "cancelled" }) as RegionEditorResult, async () => Promise.reject(new Error("dialog refused"))];
    const launcher = refreshingAfterEditor({ kind: "dialog", open: () => answers.shift()!() }, refresh);
    expect(launcher.kind).toBe("dialog");
    expect(refreshes).toBe(0);
    await expect(launcher.open({} as RegionEditorInput)).resolves.toEqual({ status: "cancelled" });
    expect(refreshes).toBe(1);
    await expect(launcher.open({} as RegionEditorInput)).rejects.toThrow("dialog refused");
    expect(refreshes).toBe(2);
  });
});
