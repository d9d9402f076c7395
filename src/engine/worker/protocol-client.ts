/**
 * The EngineClient over any message transport: numbers requests, routes replies by requestId,
 * rebuilds errors with their names, and turns an AbortSignal into a `cancel` message.
 */
import type { DeviceReport, GenerateRequest, GenerateResult, InitOptions, LoadedModelReport, MemoryReport, ModelSource, RemoveRequest, RemoveResult, RunEvent, SegmentRequest, SegmentResult, TestFault, WorkerRequest, WorkerResponse } from "../../contract/worker-protocol";
import { EngineRemoteError, EngineWorkerCrashedError, fromEngineFailure } from "../../contract/worker-errors";
import type { EngineClient, EventHandlers, GenerateHandlers, LoadOptions } from "./engine-client";
import { InvalidInputError } from "../errors";
import { checkGenerateRequest } from "./request-checks";

/** Why postMessage refused a message, in one sentence (the raw DataCloneError names internals). */
function postFailure(error: unknown): Error {
  const detail = error instanceof Error ? error.message : String(error);
  return new InvalidInputError(`The request could not be sent to the engine (${detail}); build a new request and try again.`);
}

/** Distributes `Omit` over a union (plain Omit would collapse the request variants). */
type WithoutId<T> = T extends unknown ? Omit<T, "requestId"> : never;

export interface MessageTransport {
  send(message: WorkerRequest): void;
  /** Called once: every reply goes to `onMessage`; a dead transport reports through `onFailure`. */
  connect(onMessage: (message: WorkerResponse) => void, onFailure: (error: Error) => void): void;
  close(): void;
}

interface Pending {
  resolve: (message: WorkerResponse) => void;
  reject: (error: Error) => void;
  /** The request's events before its result, passed on as they came (requestId included). */
  onEvent?: (event: RunEvent) => void;
  final: ReadonlySet<WorkerResponse["type"]>;
}

export class ProtocolClient implements EngineClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private failure: Error | null = null;
  private device: Promise<DeviceReport> | null = null;

  constructor(private readonly transport: MessageTransport) {
    transport.connect(
      (message) => this.receive(message),
      (error) => this.fail(error),
    );
  }

  init(options: InitOptions = {}): Promise<DeviceReport> {
    this.device ??= this.request({ type: "init", options }, ["ready"]).then((m) => (m as Extract<WorkerResponse, { type: "ready" }>).device);
    return this.device;
  }

  async estimate(source: ModelSource): Promise<MemoryReport> {
    const reply = await this.request({ type: "estimate", source }, ["estimate"]);
    return (reply as Extract<WorkerResponse, { type: "estimate" }>).memory;
  }

  async load(source: ModelSource, options: LoadOptions = {}): Promise<LoadedModelReport> {
    const reply = await this.request({ type: "load", source, preview: options.preview, mode: options.mode }, ["loaded"], this.nextId++, options.onEvent);
    return (reply as Extract<WorkerResponse, { type: "loaded" }>).model;
  }

  async generate(request: GenerateRequest, handlers: GenerateHandlers = {}): Promise<GenerateResult> {
    const { signal } = handlers;
    if (signal?.aborted) throw new EngineRemoteError({ name: "GenerationCancelledError", message: "Generation cancelled." });
    checkGenerateRequest(request);
    const requestId = this.nextId++;
    const onAbort = () => this.send({ type: "cancel", requestId: this.nextId++, target: requestId });
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      const reply = await this.request({ type: "generate", request }, ["result"], requestId, handlers.onEvent);
      return (reply as Extract<WorkerResponse, { result: GenerateResult }>).result;
    } finally {
      signal?.removeEventListener("abort", onAbort);
    }
  }

  async remove(request: RemoveRequest, handlers: EventHandlers = {}): Promise<RemoveResult> {
    const reply = await this.request({ type: "remove", request }, ["result"], this.nextId++, handlers.onEvent);
    return (reply as Extract<WorkerResponse, { removal: RemoveResult }>).removal;
  }

  async segment(request: SegmentRequest, handlers: EventHandlers = {}): Promise<SegmentResult> {
    const reply = await this.request({ type: "segment", request }, ["result"], this.nextId++, handlers.onEvent);
    return (reply as Extract<WorkerResponse, { segmentation: SegmentResult }>).segmentation;
  }

  async release(): Promise<void> {
    await this.request({ type: "release" }, ["released"]);
  }

  async injectTestFault(fault: TestFault): Promise<void> {
    await this.request({ type: "test-fault", fault }, ["ack"]);
  }

  dispose(): void {
    this.fail(new EngineWorkerCrashedError("the engine was disposed"));
    this.transport.close();
  }

  private request(
    message: WithoutId<WorkerRequest>,
    final: WorkerResponse["type"][],
    requestId = this.nextId++,
    onEvent?: (event: RunEvent) => void,
  ): Promise<WorkerResponse> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject, onEvent, final: new Set(final) });
      try {
        this.transport.send({ ...message, requestId } as WorkerRequest);
      } catch (error) {
        // A message that cannot be posted (a detached buffer, a value that cannot be cloned) fails
        // only this request: nothing reached the worker, so the engine and the other calls are fine.
        this.pending.delete(requestId);
        reject(postFailure(error));
      }
    });
  }

  /** Fire-and-forget messages (cancel): a failed post changes nothing for the run it names. */
  private send(message: WorkerRequest): void {
    try {
      this.transport.send(message);
    } catch {
      // The run ends on its own; a cancel that could not be posted only means it runs to the end.
    }
  }

  private receive(message: WorkerResponse): void {
    const entry = this.pending.get(message.requestId);
    if (!entry) return;
    if (message.type === "error") {
      this.pending.delete(message.requestId);
      entry.reject(fromEngineFailure(message.error));
    } else if (entry.final.has(message.type)) {
      this.pending.delete(message.requestId);
      entry.resolve(message);
    } else {
      entry.onEvent?.(message as RunEvent);
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const entry of this.pending.values()) entry.reject(error);
    this.pending.clear();
  }
}
