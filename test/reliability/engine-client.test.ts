/**
 * The EngineClient survives any failed post: a request whose buffers were already transferred is
 * refused before posting, a transport that throws fails only that request, and the next run works.
 * Real parts: the in-thread client (structured clone with transfer, like postMessage), the tiny
 * model over a real 127.0.0.1 server, onnxruntime-web wasm.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GenerateRequest, WorkerRequest, WorkerResponse } from "../../src/contract/worker-protocol";
import type { EngineClient } from "../../src/engine/worker";
import { createInThreadEngineClient } from "../../src/engine/worker/in-thread-engine-client";
import { ProtocolClient, type MessageTransport } from "../../src/engine/worker/protocol-client";
import { serveStatic, type StaticServer } from "../support/static-server";
import { tinyModelSpec, tinyModelsDir } from "../engine/browser/support/tiny-fixture";

let server: StaticServer;
let engine: EngineClient;

function request(): GenerateRequest {
  const data = new Uint8ClampedArray(64 * 64 * 4).fill(128);
  const ids = new Int32Array(77).fill(2);
  ids[0] = 0;
  return { mode: "img2img", prompt: { inputIds: ids }, numInferenceSteps: 2, strength: 1, guidanceScale: 1, seed: 3, image: { width: 64, height: 64, data }, preview: { enabled: false } };
}

beforeAll(async () => {
  server = await serveStatic({ mounts: { "/models/": tinyModelsDir } });
  engine = createInThreadEngineClient({ gpu: null });
  await engine.init();
  await engine.load({ kind: "spec", spec: tinyModelSpec(server.origin) }, { mode: "img2img" });
}, 180_000);

afterAll(async () => {
  engine?.dispose();
  await server?.close();
});

describe("engine client after a failed post", () => {
  it("refuses a request whose image was already transferred, and the client keeps working", async () => {
    const sent = request();
    await engine.generate(sent);
    expect(sent.image!.data.length).toBe(0); // transferred
    await expect(engine.generate(sent)).rejects.toMatchObject({
      name: "InvalidInputError",
      message: "The request's image was already sent to the engine (its pixels moved with it): build a new request for each run.",
    });
    const next = await engine.generate(request());
    expect(next.images).toHaveLength(1);
  }, 120_000);

  it("refuses a malformed image before posting (wrong byte count)", async () => {
    const bad = { ...request(), image: { width: 64, height: 64, data: new Uint8ClampedArray(10) } };
    await expect(engine.generate(bad)).rejects.toThrow(/is 64×64 but holds 10 bytes instead of 16384/);
  });

  it("refuses a number as prompt before posting", async () => {
    await expect(engine.generate({ ...request(), prompt: 5 as never })).rejects.toThrow(/prompt must be text or \{ inputIds: Int32Array \}/);
  });

  it("fails only the request whose post threw, and later requests still go through", async () => {
    let throwNext = false;
    const delivered: WorkerRequest[] = [];
    let reply: (m: WorkerResponse) => void = () => undefined;
    const transport: MessageTransport = {
      connect: (onMessage) => (reply = onMessage),
      send: (message) => {
        if (throwNext) {
          throwNext = false;
          throw new DOMException("ArrayBuffer at index 0 is already detached.", "DataCloneError");
        }
        delivered.push(message);
        if (message.type === "release") setTimeout(() => reply({ type: "released", requestId: message.requestId }), 0);
      },
      close: () => undefined,
    };
    const client = new ProtocolClient(transport);
    throwNext = true;
    await expect(client.release()).rejects.toMatchObject({ name: "InvalidInputError", message: expect.stringMatching(/could not be sent to the engine .*build a new request/) });
    await expect(client.release()).resolves.toBeUndefined();
    expect(delivered.map((m) => m.type)).toEqual(["release"]);
  });
});
