/**
 * The SandboxApi object exposed to the panel, built on an ExpressHost (real or fake). Failures
 * are returned as data (`{ type: "failed", error: { name, message } }`) because Error names do not
 * survive the bridge's structured clone.
 */
import type { GenerationRecord } from "../contract/generation-record";
import type { InsertLayerRequest, InsertLayerResult, SandboxApi } from "../contract/sandbox-api";
import type { SelectionSummary } from "../contract/selection";
import { describeSelection } from "./describe-selection";
import { toFailure } from "./errors";
import type { ExpressHost } from "./express-surface";
import { findNodesOnCurrentPage } from "./find-node";
import { readGenerationRecord } from "./generation-record-store";
import { insertLayer } from "./insert-layer";
import { classifyNode } from "./node-kinds";

export interface SandboxService {
  api: SandboxApi;
  /** Describes the current selection with the next revision number (used for pushes too). */
  describe(): SelectionSummary;
}

export function createSandboxService(host: ExpressHost): SandboxService {
  let revision = 0;
  const describe = (): SelectionSummary => {
    revision += 1;
    try {
      return describeSelection(host, revision);
    } catch (error) {
      // Never throw from a selection-change callback: tell the user instead.
      const detail = error instanceof Error ? error.message : String(error);
      return {
        type: "unsupported",
        revision,
        reason: "unsupported-node",
        message: `This selection can't be read (${detail}). Select one image, an image plus shapes, or shapes alone.`,
      };
    }
  };
  const api: SandboxApi = {
    getSelection: describe,
    async insertLayer(request: InsertLayerRequest): Promise<InsertLayerResult> {
      try {
        return await insertLayer(host, request);
      } catch (error) {
        return { type: "failed", error: toFailure(error) };
      }
    },
    getGenerationRecord(nodeId: string): GenerationRecord | null {
      const found = findNodesOnCurrentPage(host.editor, [nodeId]).get(nodeId);
      if (!found) return null;
      const kind = classifyNode(found.node, host.constants);
      return readGenerationRecord(kind.node.addOnData) ?? null;
    },
  };
  return { api, describe };
}
