/**
 * A fake Express document wired to the real sandbox code through the fake bridge, plus a panel
 * that records what the sandbox pushes. Geometry helpers give the ground truth from the fake's
 * models (independent of the sandbox's own maths).
 */
import { PNG } from "pngjs";
import type { Affine2D } from "../../src/contract/geometry";
import type { PanelApi, SandboxApi } from "../../src/contract/sandbox-api";
import type { SelectionSummary } from "../../src/contract/selection";
import type { Remote } from "../../src/contract/bridge-safe";
import { exposeSandboxApi, type ExposedSandbox } from "../../src/sandbox/expose";
import { createFakeBridge, FAKE_CONSTANTS, FakeDocument, toArtboard, type NodeModel } from "../../src/playground/fake-express";

export interface Harness {
  doc: FakeDocument;
  sandbox: Remote<SandboxApi>;
  exposed: ExposedSandbox;
  pushes: SelectionSummary[];
}

export async function connect(doc: FakeDocument): Promise<Harness> {
  const bridge = createFakeBridge({ onSandboxCall: () => doc.beginOperation() });
  const pushes: SelectionSummary[] = [];
  const panelApi: PanelApi = { selectionChanged: (summary) => void pushes.push(summary) };
  bridge.panelRuntime.exposeApi(panelApi);
  const exposed = exposeSandboxApi(bridge.sandboxRuntime, { editor: doc.editor, constants: FAKE_CONSTANTS });
  await exposed.panelConnected;
  const sandbox = await bridge.panelRuntime.apiProxy<SandboxApi>("documentSandbox");
  return { doc, sandbox, exposed, pushes };
}

/** A solid PNG of the given size, encoded by pngjs. */
export function pngOfSize(width: number, height: number): ArrayBuffer {
  const png = new PNG({ width, height });
  png.data.fill(200);
  const buf = PNG.sync.write(png);
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}

export function applyA(m: Affine2D | readonly number[], x: number, y: number): { x: number; y: number } {
  return { x: m[0] * x + m[2] * y + m[4], y: m[1] * x + m[3] * y + m[5] };
}

/** Ground truth: a node-local point on the page, from the fake's models. */
export function truthOnPage(model: NodeModel, x: number, y: number): { x: number; y: number } {
  return applyA(toArtboard(model), x, y);
}

export function expectClose(actual: { x: number; y: number }, expected: { x: number; y: number }, digits = 6): void {
  if (Math.abs(actual.x - expected.x) > 10 ** -digits || Math.abs(actual.y - expected.y) > 10 ** -digits) {
    throw new Error(`expected (${expected.x}, ${expected.y}), got (${actual.x}, ${actual.y})`);
  }
}

/** Flushes pending bridge messages (each hop is a macrotask). */
export function settle(): Promise<void> {
  return new Promise((r) => setTimeout(r, 5));
}

export const sampleRecord = {
  model: "sd-turbo",
  prompt: "a red fox in the snow",
  negativePrompt: "blurry",
  seed: 42,
  steps: 4,
  strength: 0.75,
  guidanceScale: 1,
  mode: "fill" as const,
  addOnVersion: "0.1.0",
  createdAt: "2025-01-01T00:00:00.000Z",
};
