/**
 * The EngineClient over a Web Worker running engine.worker.ts. Buffers are transferred both ways;
 * a crashed worker rejects every pending call with EngineWorkerCrashedError.
 */
import { transferablesOf, type WorkerRequest, type WorkerResponse } from "../../contract/worker-protocol";
import { EngineWorkerCrashedError } from "../../contract/worker-errors";
import type { EngineClient } from "./engine-client";
import { ProtocolClient, type MessageTransport } from "./protocol-client";

/** The part of `Worker` the client uses (a MessagePort-like object works too). */
export interface WorkerLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
  addEventListener(type: "error" | "messageerror", listener: (event: Event) => void): void;
  terminate?(): void;
}

export function createWorkerEngineClient(worker: WorkerLike): EngineClient {
  return new ProtocolClient(new WorkerTransport(worker));
}

class WorkerTransport implements MessageTransport {
  constructor(private readonly worker: WorkerLike) {}

  connect(onMessage: (message: WorkerResponse) => void, onFailure: (error: Error) => void): void {
    this.worker.addEventListener("message", (event: MessageEvent) => onMessage(event.data as WorkerResponse));
    this.worker.addEventListener("error", (event: Event) => {
      const detail = (event as ErrorEvent).message || "the worker script failed";
      onFailure(new EngineWorkerCrashedError(detail));
    });
    this.worker.addEventListener("messageerror", () => onFailure(new EngineWorkerCrashedError("a message could not be read")));
  }

  send(message: WorkerRequest): void {
    this.worker.postMessage(message, transferablesOf(message));
  }

  close(): void {
    this.worker.terminate?.();
  }
}
