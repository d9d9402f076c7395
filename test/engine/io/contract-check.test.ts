import { describe, expect, it } from "vitest";
import { checkContract, contractDifference } from "../../../src/engine/io/contract-check";
import { findVariantContract } from "../../../src/engine/models/contracts";
import type { ResolvedTensor } from "../../../src/engine/io/model-session";

const unet = findVariantContract("lcm-dreamshaper-v7", "fp32")!.graphs.unet!;
const published: { inputs: ResolvedTensor[]; outputs: ResolvedTensor[] } = {
  inputs: [
    { name: "sample", type: "float32", shape: ["batch_size", 4, "height", "width"] },
    { name: "timestep", type: "int64", shape: ["steps"] },
    { name: "encoder_hidden_states", type: "float32", shape: ["batch_size", "sequence_length", 768] },
    { name: "timestep_cond", type: "float32", shape: ["batch_size", 256] },
  ],
  outputs: [{ name: "out_sample", type: "float32", shape: ["batch_size", 4, "height", "width"] }],
};
const changed = (edit: (g: typeof published) => void) => {
  const copy = structuredClone(published);
  edit(copy);
  return contractDifference(copy, unet);
};

describe("contractDifference", () => {
  it("accepts the published signature, symbolic axes either way", () => {
    expect(contractDifference(published, unet)).toBeNull();
    expect(changed((g) => (g.inputs[0].shape = [1, 4, 64, 64]))).toBeNull();
  });

  it("names the first difference: a missing input, a dtype, a fixed size, a rank, an extra input, a missing output", () => {
    expect(changed((g) => g.inputs.pop())).toBe('it has no input "timestep_cond", which the published export has');
    expect(changed((g) => (g.inputs[1].type = "float32"))).toBe('its input "timestep" is float32 where the published export\'s is int64');
    expect(changed((g) => (g.inputs[3].shape = ["batch_size", 512]))).toBe('its input "timestep_cond" has size 512 on axis 1 where the published export has 256');
    expect(changed((g) => (g.inputs[2].shape = ["batch_size", 768]))).toBe('its input "encoder_hidden_states" has 2 dimensions where the published export has 3');
    expect(changed((g) => g.inputs.push({ name: "text_embeds", type: "float32", shape: null }))).toBe('it has an input "text_embeds" the published export does not have');
    expect(changed((g) => (g.outputs[0].name = "noise_pred"))).toBe('it has no output "out_sample", which the published export has');
  });

  it("throws one sentence naming the file and the variant", () => {
    const graph = structuredClone(published);
    graph.inputs[1].type = "int32";
    expect(() => checkContract(graph, unet, "LCM Dreamshaper v7 fp32")).toThrow(
      /^unet\/model\.onnx of LCM Dreamshaper v7 fp32 is not the file this add-on was built for: its input "timestep" is int32 where the published export's is int64\. Delete the model under Models and download it again\.$/,
    );
  });
});
