/**
 * The panel's count- and state-dependent sentences (components/panel-text.ts, run-outcome.ts):
 * proper plurals in the selection line, the note that says how to get Generative fill, engine
 * reasons turned into sentences, and the line that replaces the progress bar when a run ends.
 */
import { describe, expect, it } from "vitest";
import { asSentence, describeSelection, fillUnavailableNote, plural } from "../../src/ui/components/panel-text";
import { runOutcome } from "../../src/ui/components/run-outcome";
import type { GenerationRun, ResultItem } from "../../src/ui/flow/generation-session";
import { DEFAULT_SETTINGS } from "../../src/ui/settings/panel-settings";
import { imageSelection, pageRegion, withShapes as shapesOver } from "./selection-fixtures";

const withShapes = (n: number) => shapesOver(image, n);

const image = imageSelection(960.4, 639.6);
const region = pageRegion;

describe("selection line", () => {
  it("says 1 shape / 2 shapes, never shape(s)", () => {
    expect(describeSelection(withShapes(1))).toBe("Image with 1 mask shape selected");
    expect(describeSelection(withShapes(3))).toBe("Image with 3 mask shapes selected");
    expect(describeSelection(region(1))).toBe("1 shape selected: fill the page region under it");
    expect(describeSelection(region(2))).toBe("2 shapes selected: fill the page region under them");
    for (const s of [withShapes(1), withShapes(2), region(1), region(5)]) expect(describeSelection(s)).not.toContain("(s)");
  });

  it("rounds the image size and passes the sandbox's own message through", () => {
    expect(describeSelection(image)).toBe("Image selected (960×640)");
    expect(describeSelection(undefined)).toBe("Waiting for the document…");
    expect(describeSelection({ type: "unsupported", revision: 2, reason: "text", message: "Text is selected: select an image or shapes instead." })).toBe("Text is selected: select an image or shapes instead.");
  });

  it("tells how to get Generative fill only when an image alone is selected", () => {
    expect(fillUnavailableNote(image)).toMatch(/draw one over the image, then select both/);
    expect(fillUnavailableNote(withShapes(1))).toBeNull();
    expect(fillUnavailableNote(region(1))).toBeNull();
    expect(fillUnavailableNote(undefined)).toBeNull();
  });

  it("plural() and asSentence()", () => {
    expect(plural(0, "image")).toBe("0 images");
    expect(plural(1, "image")).toBe("1 image");
    expect(plural(2, "person", "people")).toBe("2 people");
    expect(asSentence("the browser found no usable GPU adapter")).toBe("The browser found no usable GPU adapter.");
    expect(asSentence("Already fine!")).toBe("Already fine!");
    expect(asSentence("  ")).toBe("");
  });
});

function run(status: GenerationRun["status"], states: ResultItem["state"][], ms = 1834): GenerationRun {
  return {
    id: 1,
    mode: "fill",
    modelId: "m",
    modelName: "Model",
    settings: DEFAULT_SETTINGS,
    seed: 7,
    sourceKey: "image:n1",
    stage: null,
    load: null,
    expectedEndAt: null,
    notices: [],
    status,
    step: 2,
    totalSteps: 2,
    progress: 1,
    etaSeconds: 0,
    items: states.map((state, index) => ({ index, seed: 7 + index, state, thumbnail: null, withheldReason: null, kept: null })),
    screened: true,
    error: null,
    startedAt: 1000,
    finishedAt: 1000 + ms,
  };
}

describe("run outcome line", () => {
  it("counts ready and withheld images and says how long the run took", () => {
    expect(runOutcome(run("done", ["ready", "ready", "ready", "ready"]))).toBe("4 images ready in 1.8 s. Pick one, then Keep.");
    expect(runOutcome(run("done", ["ready"], 42_400))).toBe("1 image ready in 42 s. Keep it, or Try again.");
    expect(runOutcome(run("done", ["ready", "withheld"], 125_000))).toBe("1 image ready in 2 min 5 s, 1 withheld by the content filter. Keep it, or Try again.");
    expect(runOutcome(run("done", ["withheld", "withheld"]))).toBe("No image to keep, 2 withheld by the content filter. Try another prompt or seed.");
    // Remove is deterministic: one image, and no Try again to offer.
    expect(runOutcome({ ...run("done", ["ready"], 2_000), mode: "remove" })).toBe("1 image ready in 2 s. Keep it.");
  });

  it("says a cancelled run changed nothing, and leaves failures to the error box", () => {
    expect(runOutcome(run("cancelled", ["pending", "pending"]))).toBe("Cancelled: nothing was changed.");
    expect(runOutcome(run("cancelled", ["ready", "pending"]))).toBe("Cancelled after 1 image: nothing was changed.");
    expect(runOutcome(run("failed", ["pending"]))).toBeNull();
    expect(runOutcome(run("running", ["preview"]))).toBeNull();
  });
});

describe("download failure wording", () => {
  it("offline: names the part that failed (the filter that comes with LCM) and its file, no raw URL", async () => {
    const { downloadFailure } = await import("../../src/ui/models/model-library");
    const { NetworkError } = await import("../../src/engine/models/errors");
    const url = "https://huggingface.co/Falconsai/nsfw_image_detection/resolve/0123456789abcdef0123456789abcdef01234567/onnx/model.onnx";
    const text = downloadFailure("LCM Dreamshaper v7", true, new NetworkError(url, 5, new TypeError("Failed to fetch")));
    expect(text).toBe(
      "LCM Dreamshaper v7 did not finish downloading: the connection failed while fetching the content filter that comes with LCM Dreamshaper v7 (onnx/model.onnx). Check that this device is online, then press Download to resume; what was downloaded is kept.",
    );
    expect(downloadFailure("LCM Dreamshaper v7", false, new NetworkError(url, 5, new TypeError("x")))).toContain("while fetching LCM Dreamshaper v7 (onnx/model.onnx)");
  });
});
