/**
 * The engine in the calling thread, behind exactly the worker protocol: every message is
 * structured-cloned with its buffers transferred (as postMessage would), and delivered
 * asynchronously. Tests and Node use it; behaviour matches WorkerEngineClient.
 */
import { transferablesOf, type WorkerRequest, type WorkerResponse } from "../../contract/worker-protocol";
import { EngineHost, type EngineHostOptions } from "./engine-host";
import type { EngineClient } from "./engine-client";
import { ProtocolClient, type MessageTransport } from "./protocol-client";

export type InThreadOptions = Omit<EngineHostOptions, "post">;

export function createInThreadEngineClient(options: InThreadOptions = {}): EngineClient {
  return new ProtocolClient(new InThreadTransport(options));
}

class InThreadTransport implements MessageTransport {
  private host: EngineHost | null = null;
  private onMessage: ((message: WorkerResponse) => void) | null = null;

  constructor(private readonly options: InThreadOptions) {}

  connect(onMessage: (message: WorkerResponse) => void): void {
    this.onMessage = onMessage;
    this.host = new EngineHost({
      ...this.options,
      post: (message) => {
        const copy = structuredClone(message, { transfer: transferablesOf(message) });
        setTimeout(() => this.onMessage?.(copy), 0);
      },
    });
  }

  send(message: WorkerRequest): void {
    const copy = structuredClone(message, { transfer: transferablesOf(message) });
    setTimeout(() => this.host?.handle(copy), 0);
  }

  close(): void {
    this.onMessage = null;
    this.host = null;
  }
}
