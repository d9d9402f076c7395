/** Attacks on the worker protocol client (in-thread transport: real structured clone with transfer). */
import type { GenerateRequest } from "../../../src/contract/worker-protocol";
import type { EngineClient } from "../../../src/engine/worker";
import { ProtocolClient, type MessageTransport } from "../../../src/engine/worker/protocol-client";
import { refuse, succeed, type AttackCase } from "./case";

export function request(): GenerateRequest {
  const ids = new Int32Array(77).fill(2);
  ids[0] = 0;
  return { mode: "img2img", prompt: { inputIds: ids }, numInferenceSteps: 2, strength: 1, guidanceScale: 1, seed: 3, image: { width: 64, height: 64, data: new Uint8ClampedArray(64 * 64 * 4).fill(100) }, preview: { enabled: false } };
}

export function clientCases(client: () => EngineClient): AttackCase[] {
  const W = "worker client";
  const sent = request();
  const throwing: MessageTransport = { connect: () => undefined, send: () => { throw new DOMException("An ArrayBuffer is detached and could not be cloned.", "DataCloneError"); }, close: () => undefined };
  return [
    succeed(W, "a first run", () => client().generate(sent)),
    refuse(W, "the same request sent again (buffers already transferred)", () => client().generate(sent)),
    succeed(W, "a new request after that", () => client().generate(request())),
    refuse(W, "image with the wrong byte count", () => client().generate({ ...request(), image: { width: 64, height: 64, data: new Uint8ClampedArray(3) } })),
    refuse(W, "image as a plain array", () => client().generate({ ...request(), image: { width: 2, height: 2, data: [1, 2, 3] as never } })),
    refuse(W, "mask without pixels", () => client().generate({ ...request(), mode: "inpaint", mask: { width: 64, height: 64 } as never })),
    refuse(W, "prompt is a number", () => client().generate({ ...request(), prompt: 3 as never })),
    refuse(W, "unknown mode", () => client().generate({ ...request(), mode: "outpaint" as never })),
    refuse(W, "steps as text", () => client().generate({ ...request(), numInferenceSteps: "20" as never })),
    refuse(W, "noise draws already transferred", () => {
      const draws = [new Float32Array(4)];
      structuredClone(draws, { transfer: [draws[0].buffer] });
      return client().generate({ ...request(), noiseDraws: draws });
    }),
    refuse(W, "a transport whose post throws", () => new ProtocolClient(throwing).release()),
    succeed(W, "cancel, then run again", async () => {
      const controller = new AbortController();
      const run = client().generate(request(), { signal: controller.signal, onEvent: (e) => e.type === "step" && controller.abort() });
      await run.catch((e: Error) => {
        if (e.name !== "GenerationCancelledError") throw e;
      });
      await client().generate(request());
    }),
    succeed(W, "two generates at once both finish", () => Promise.all([client().generate(request()), client().generate(request())])),
    succeed(W, "the client still works after every refusal above", () => client().generate(request())),
  ];
}
