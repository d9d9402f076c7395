/**
 * Remove mode's failed MI-GAN download: the Models list's sentence (what failed, what is kept, press
 * Download) plus what Remove does meanwhile, with the advice to press Download said once, not twice.
 */
import { expect, it } from "vitest";
import { removalFailureText } from "../../src/ui/components/removal-engine-text";
import { downloadFailure } from "../../src/ui/models/model-library";

it("says once how to retry a failed MI-GAN download, and that Remove uses the built-in fill meanwhile", () => {
  const error = downloadFailure("MI-GAN object remover", false, new Error("HTTP 503 from https://huggingface.co/x/resolve/abc/migan_pipeline_v2.onnx"));
  const text = removalFailureText(error);
  expect(text).toContain("abc/migan_pipeline_v2.onnx");
  expect(text).not.toMatch(/https?:/);
  expect(text).toMatch(/Remove uses the built-in fill\.$/);
  expect(text.match(/press Download/gi)).toHaveLength(1);
});
