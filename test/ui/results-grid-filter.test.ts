/**
 * What the results grid says about the content filter, rendered to markup with react-dom/server:
 * a withheld tile with the engine's reason (never an empty slot), and the note under a run of a
 * test model whose results were not screened — and no note when they were.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ResultsGrid } from "../../src/ui/components/results-grid";
import type { GenerationRun, SessionSnapshot } from "../../src/ui/flow/generation-session";
import { DEFAULT_SETTINGS } from "../../src/ui/settings/panel-settings";

const pixels = { width: 2, height: 2, data: new Uint8ClampedArray(16) };
const REASON = 'This result was withheld because the content filter rated it as "nsfw" (97%). Try a different prompt or seed.';

function run(screened: boolean | null): GenerationRun {
  return {
    id: 1,
    mode: "fill",
    modelId: "m",
    modelName: "Model",
    settings: { ...DEFAULT_SETTINGS, prompt: "a cat" },
    seed: 7,
    sourceKey: "image:n1",
    stage: null,
    load: null,
    expectedEndAt: null,
    notices: [],
    status: "done",
    step: 2,
    totalSteps: 2,
    progress: 1,
    etaSeconds: 0,
    items: [
      { index: 0, seed: 7, state: "ready", thumbnail: pixels, withheldReason: null, kept: null },
      { index: 1, seed: 8, state: "withheld", thumbnail: null, withheldReason: REASON, kept: null },
    ],
    screened,
    error: null,
    startedAt: 0,
    finishedAt: 1,
  };
}

const render = (r: GenerationRun) => {
  const snapshot: SessionSnapshot = { runs: [r], selected: null, keeping: false, keepNotice: null };
  return renderToStaticMarkup(createElement(ResultsGrid, { snapshot, onSelect: () => undefined }));
};

describe("results grid and the content filter", () => {
  it("shows a withheld tile with the reason in the flagged slot", () => {
    const html = render(run(true));
    expect(html).toContain('data-testid="result-withheld"');
    expect(html).toContain('aria-label="Result 2, seed 8 withheld"');
    expect(html).toContain("the content filter rated it as &quot;nsfw&quot; (97%)");
    expect(html).not.toContain("not-screened-note");
  });

  it("says under a test model's run that its results were not screened", () => {
    const html = render(run(false));
    expect(html).toMatch(/data-testid="not-screened-note"[^>]*>Test model: results are not screened\.</);
    expect(render(run(null))).not.toContain("not-screened-note"); // unknown until the results arrive
  });
});
