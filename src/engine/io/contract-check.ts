/**
 * A loaded graph against its variant's contract (models/contracts.ts): the first difference, in
 * one sentence a user can act on, or null when the graph is what the catalogue promised. Catches
 * a re-uploaded or swapped file before it produces a wrong image or a cryptic runtime error.
 */
import type { ContractDtype, GraphContract, TensorContract } from "../models/contract-types";
import { ModelContractError } from "../errors";
import type { ResolvedTensor } from "./model-session";

export function contractDifference(graph: { inputs: readonly ResolvedTensor[]; outputs: readonly ResolvedTensor[] }, contract: GraphContract): string | null {
  for (const [kind, declared, promised] of [
    ["input", graph.inputs, contract.inputs],
    ["output", graph.outputs, contract.outputs],
  ] as const) {
    for (const want of promised) {
      const got = declared.find((t) => t.name === want.name);
      if (!got) return `it has no ${kind} "${want.name}", which the published export has`;
      const problem = tensorDifference(got, want);
      if (problem) return `its ${kind} "${want.name}" ${problem}`;
    }
    if (kind === "input") {
      const extra = declared.find((t) => !promised.some((p) => p.name === t.name));
      if (extra) return `it has an input "${extra.name}" the published export does not have`;
    }
  }
  return null;
}

function tensorDifference(got: ResolvedTensor, want: TensorContract): string | null {
  const allowed: readonly ContractDtype[] = typeof want.dtype === "string" ? [want.dtype] : want.dtype;
  if (!allowed.includes(got.type as ContractDtype)) return `is ${got.type} where the published export's is ${allowed.join(" or ")}`;
  if (!got.shape) return null;
  if (got.shape.length !== want.dims.length) return `has ${got.shape.length} dimensions where the published export has ${want.dims.length}`;
  for (let axis = 0; axis < want.dims.length; axis++) {
    const w = want.dims[axis];
    const g = got.shape[axis];
    if (typeof w === "number" && typeof g === "number" && g > 0 && g !== w) return `has size ${g} on axis ${axis} where the published export has ${w}`;
  }
  return null;
}

/** Throws ModelContractError naming the file, the variant and the first difference. */
export function checkContract(graph: { inputs: readonly ResolvedTensor[]; outputs: readonly ResolvedTensor[] }, contract: GraphContract, variantLabel: string): void {
  const difference = contractDifference(graph, contract);
  if (difference) throw new ModelContractError(contract.file, variantLabel, difference);
}
