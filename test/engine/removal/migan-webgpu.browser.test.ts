/**
 * Issue 17 leftover (a): MI-GAN runs on the same device choice as Stable Diffusion. In Chromium
 * with WebGPU (SwiftShader), MI-GAN's twin (uint8 IO, like the published pipeline) is downloaded
 * into OPFS through its catalogue entry and run by the engine's "remove" request on WebGPU; a second
 * engine forced to wasm runs the same request; the two results agree byte for byte. A GPU lost
 * after that makes the next Remove say so in a fallback notice and finish on wasm, with the same
 * pixels. ORT's verbose log tells which nodes the WebGPU EP took and which it left to the CPU.
 */
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEsbuildPage, type BrowserSession } from "../../support/browser-session";
import { startModelServer, type ModelServer } from "../models/model-server";
import { MIGAN_TWIN_FILE } from "../../../scripts/twins/make-migan-twin";
import { localMigan, twinBytes } from "./migan-local";

let session: BrowserSession;
let models: ModelServer;
let ortBase: string;

beforeAll(async () => {
  session = await openEsbuildPage(
    { bundle: fileURLToPath(new URL("./migan-device-entry.ts", import.meta.url)) },
    {
      webgpu: true,
      mounts: { "/ort/": fileURLToPath(new URL("../../../node_modules/onnxruntime-web/dist/", import.meta.url)) },
      pages: { "/index.html": `<!doctype html><meta charset="utf-8"><script type="module" src="/app/bundle.js"></script>` },
    },
  );
  models = await startModelServer(new Map([[`/migan/${MIGAN_TWIN_FILE}`, twinBytes]]), { "Access-Control-Allow-Origin": "*" });
  ortBase = `${session.server.origin}/ort/`;
  await session.page.goto(`${session.server.origin}/index.html`);
  await session.page.waitForFunction(() => "miganDevice" in globalThis);
}, 180_000);

afterAll(async () => {
  await session?.close();
  await models?.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const call = (method: string, ...args: unknown[]): Promise<any> => session.page.evaluate(([m, a]) => (globalThis as any).miganDevice[m as string](...(a as unknown[])), [method, args] as const);

describe("MI-GAN on WebGPU (Chromium, SwiftShader) against wasm", () => {
  it("runs the remove request on WebGPU, agrees with wasm byte for byte, and falls back to wasm with a notice when the GPU is lost", async () => {
    const catalogue = localMigan(models.origin);
    await call("download", catalogue);
    const gpuDevice = await call("start", "gpu", catalogue, ortBase);
    expect(gpuDevice.backend).toBe("webgpu");
    await call("start", "cpu", catalogue, ortBase, "wasm");

    const gpu = await call("remove", "gpu");
    const cpu = await call("remove", "cpu");
    expect(gpu.notices).toEqual([]);
    expect(gpu.backend).toBe("webgpu");
    expect(cpu.backend).toBe("wasm");
    let differing = 0;
    for (let i = 0; i < gpu.pixels.length; i++) if (gpu.pixels[i] !== cpu.pixels[i]) differing++;
    console.log(`MI-GAN twin 600×400 (crop 512×400): WebGPU ${gpu.ms.toFixed(0)} ms (incl. session), wasm ${cpu.ms.toFixed(0)} ms; ${differing} bytes differ`);
    expect(differing).toBe(0);
    expect(gpu.changedOutside).toBe(0);
    // The hole really was filled (the twin: mean kept colour + 3), not left white.
    const centre = (200 * 600 + 330) * 4;
    expect(gpu.pixels[centre + 2]).toBe(93);

    await call("loseGpu");
    const after = await call("remove", "gpu");
    expect(after.backend).toBe("wasm");
    expect(after.notices).toEqual([expect.objectContaining({ kind: "fallback", from: { backend: "webgpu", precision: "fp32" }, to: { backend: "wasm", precision: "fp32" }, reason: expect.objectContaining({ name: "GpuDeviceLostError" }) })]);
    expect(after.pixels).toEqual(cpu.pixels);
    // Once on the CPU, it stays there without a new notice.
    const again = await call("remove", "gpu");
    expect([again.backend, again.notices]).toEqual(["wasm", []]);
  }, 240_000);

  it("says which of the twin's nodes ORT's WebGPU EP runs and which it leaves to the CPU", async () => {
    // A fresh page: its own ORT and GPU device (the other page's device was destroyed above).
    const page = await session.browser.newPage();
    const log: string[] = [];
    page.on("console", (m) => log.push(m.text()));
    try {
      await page.goto(`${session.server.origin}/index.html`);
      await page.waitForFunction(() => "miganDevice" in globalThis);
      await page.evaluate(([bytes, base]) => (globalThis as any).miganDevice.placements(bytes, base), [Array.from(twinBytes), ortBase] as const);
    } finally {
      await page.close();
    }
    // ORT's verbose log: "Node(s) placed on [EP]. Number of nodes: n" then one "  Op (name)" line per node.
    const placed: Record<string, string[]> = {};
    let ep: string | null = null;
    for (const line of log.join("\n").split("\n")) {
      const head = /Node\(s\) placed on \[(\w+)\]/.exec(line);
      const node = /VerifyEachNodeIsAssignedToAnEp\]\s{3}(\w+) \(/.exec(line);
      if (head) placed[(ep = head[1])] = [];
      else if (node && ep) placed[ep].push(node[1]);
    }
    console.log(`ORT placement of the MI-GAN twin on WebGPU: ${JSON.stringify(placed)}`);
    // The uint8 Casts at the graph's edges have no WebGPU kernel: they run on the CPU with a copy to
    // and from the GPU; the float work runs on the GPU. The published pipeline has the same edges.
    expect(placed.CPUExecutionProvider?.filter((op) => op === "Cast")).toHaveLength(3);
    expect(placed.JsExecutionProvider).toEqual(expect.arrayContaining(["Div", "Mul", "ReduceMean", "Add", "Sub", "MemcpyFromHost", "MemcpyToHost"]));
  }, 120_000);
});
