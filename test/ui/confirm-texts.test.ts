/**
 * The confirmations before a big download or a delete (issue 19 point 5): built from the panel's
 * real model entries (product catalogue, a WebGPU device without shader-f16, so LCM fp32 is the
 * variant offered) with the size and the time at the speed the device measured, or at an assumed
 * speed that says so. Small downloads and deletes go straight through.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { describeDownload, findModel, getCatalogue } from "../../src/engine/models";
import { NodeDirectoryStore } from "../../src/engine/models/node-directory-store";
import { confirmBeforeDelete, confirmBeforeDownload, formatDuration } from "../../src/ui/components/confirm-texts";
import { devPanelModels } from "../../src/ui/dev-models";
import { DownloadSpeed } from "../../src/ui/models/download-speed";
import { ModelLibrary } from "../../src/ui/models/model-library";
import { panelModelsFrom } from "../../src/ui/models/panel-models";

const dir = mkdtempSync(join(tmpdir(), "confirm-texts-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GPU_WITHOUT_F16 = { hasWebGPU: true, shaderF16: false, maxBufferSize: 1024 ** 3, maxStorageBufferBindingSize: 1024 ** 3 };

function memoryStorage() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
}

function library(speed: DownloadSpeed): ModelLibrary {
  const models = [...devPanelModels(new URL("http://127.0.0.1:9/dev-models/")), ...panelModelsFrom(getCatalogue())];
  return new ModelLibrary(models, new NodeDirectoryStore(dir), GPU_WITHOUT_F16, speed);
}

/** What the catalogue says LCM fp32 and its content filter weigh together (the bytes Download fetches). */
function lcmDownloadBytes(): number {
  const catalogue = getCatalogue();
  const lcm = findModel(catalogue, "lcm-dreamshaper-v7");
  const filter = findModel(catalogue, "nsfw-vit-base");
  return describeDownload(lcm, lcm.variants.find((v) => v.id === "fp32")!).totalBytes + describeDownload(filter, filter.variants[0]).totalBytes;
}

const gb = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GB`;

describe("download confirmation", () => {
  it("gives the size and the time at the measured speed", () => {
    const speed = new DownloadSpeed(memoryStorage());
    speed.observe(25_000_000, 2.5); // a 25 MB download that took 2.5 s: 10 MB/s (9.5 MiB/s)
    const lib = library(speed);
    const entry = lib.entry("lcm-dreamshaper-v7")!;
    expect(entry.variant?.id).toBe("fp32");
    const bytes = lcmDownloadBytes();
    expect(entry.status).toEqual({ state: "absent", downloadBytes: bytes });
    const minutes = Math.round(bytes / 10_000_000 / 60);
    const c = confirmBeforeDownload(entry.model.displayName, entry.status, speed.bytesPerSecond)!;
    expect(c.headline).toBe(`Download ${entry.model.displayName}?`);
    expect(c.body).toBe(
      `${gb(bytes)}: about ${minutes} min at the speed measured on this device (9.5 MB/s). It is stored in this browser and then works offline. You can cancel at any time and resume later.`,
    );
    expect(c.confirmLabel).toBe(`Download ${gb(bytes)}`);
    expect(c.cancelLabel).toBe("Not now");
  });

  it("names the assumed speed when nothing was measured yet", () => {
    const speed = new DownloadSpeed(memoryStorage());
    const entry = library(speed).entry("lcm-dreamshaper-v7")!;
    const bytes = lcmDownloadBytes();
    const c = confirmBeforeDownload(entry.model.displayName, entry.status, speed.bytesPerSecond)!;
    expect(c.body).toMatch(new RegExp(`^${gb(bytes).replace(".", "\\.")}: about ${Math.round(bytes / 6_250_000 / 60)} min at 50 Mbit/s \\(no download has been measured on this device yet\\)\\.`));
  });

  it("asks only for the bytes still missing, and not at all below 500 MB", () => {
    const entry = library(new DownloadSpeed(memoryStorage())).entry("tiny-sd-test")!;
    expect(entry.status.state).toBe("absent");
    expect(confirmBeforeDownload(entry.model.displayName, entry.status, null)).toBeNull(); // 10 MB: straight through
    const total = 4 * 1024 ** 3;
    expect(confirmBeforeDownload("LCM", { state: "partial", bytesOnDisk: total - 400 * 1024 ** 2, downloadBytes: total }, null)).toBeNull();
    const resume = confirmBeforeDownload("LCM", { state: "partial", bytesOnDisk: 1024 ** 3, downloadBytes: total }, 20 * 1024 ** 2)!;
    expect(resume.body).toMatch(/^3\.0 GB: about 3 min at the speed measured on this device \(20\.0 MB\/s\)\./);
    expect(confirmBeforeDownload("LCM", { state: "present", bytesOnDisk: total }, null)).toBeNull();
  });
});

describe("delete confirmation", () => {
  it("says what it frees and what getting it back costs at the measured speed", () => {
    const c = confirmBeforeDelete("LCM Dreamshaper v7", { state: "present", bytesOnDisk: 4.5 * 1024 ** 3 }, 5 * 1024 ** 2)!;
    expect(c.headline).toBe("Delete LCM Dreamshaper v7?");
    // 4.5 GiB at 5 MiB/s = 921.6 s = about 15 min.
    expect(c.body).toBe("This frees 4.5 GB on this device. Using it again means downloading 4.5 GB: about 15 min at the speed measured on this device (5.0 MB/s).");
    expect(c.confirmLabel).toBe("Delete");
    expect(c.cancelLabel).toBe("Keep it");
  });

  it("does not ask below 100 MB on disk", () => {
    expect(confirmBeforeDelete("Tiny", { state: "present", bytesOnDisk: 99 * 1024 ** 2 }, null)).toBeNull();
    expect(confirmBeforeDelete("Big", { state: "present", bytesOnDisk: 100 * 1024 ** 2 }, null)).not.toBeNull();
  });
});

describe("measured speed and durations", () => {
  it("ignores the warm-up, then keeps the last figure for the next panel session", () => {
    const storage = memoryStorage();
    const speed = new DownloadSpeed(storage);
    speed.observe(5_000_000, 1); // connection set-up time: not a speed yet
    expect(speed.bytesPerSecond).toBeNull();
    speed.observe(30_000_000, 3);
    expect(speed.bytesPerSecond).toBe(10_000_000);
    expect(new DownloadSpeed(storage).bytesPerSecond).toBe(10_000_000);
  });

  it("reads durations the way people say them", () => {
    expect(formatDuration(59)).toBe("under a minute");
    expect(formatDuration(91)).toBe("about 2 min");
    expect(formatDuration(89 * 60)).toBe("about 89 min");
    expect(formatDuration(95 * 60)).toBe("about 1 h 35 min");
  });
});
