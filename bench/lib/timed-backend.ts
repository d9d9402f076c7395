/**
 * A timing decorator around an ExecutionBackend: how long each session took to create, and the
 * wall time of every session.run. The engine has its own hook (RunOptions.onSessionRun →
 * StageTimings.sessionRun); this one sits below ModelSession, so comparing the two shows the hook
 * counts what it says (the bench reports both). src/ is not modified.
 */
import type { ExecutionBackend, InferenceSession, GraphSource } from "../../src/engine/runtime/backend";

export interface SessionRunLog {
  /** Total ms inside session.run since the last reset. */
  runMs: number;
  calls: number;
  /** model name → ms to create its session. */
  createMs: Record<string, number>;
  /** model name → ms inside its session.run since the last reset. */
  runMsByModel: Record<string, number>;
}

export interface TimedBackend extends ExecutionBackend {
  readonly log: SessionRunLog;
  resetRuns(): void;
}

export function withTiming(backend: ExecutionBackend): TimedBackend {
  const log: SessionRunLog = { runMs: 0, calls: 0, createMs: {}, runMsByModel: {} };
  const wrap = (session: InferenceSession, name: string): InferenceSession =>
    new Proxy(session, {
      get(target, property) {
        if (property === "run") {
          return async (...args: unknown[]) => {
            const t0 = performance.now();
            try {
              return await (target.run as (...a: unknown[]) => Promise<unknown>).apply(target, args);
            } finally {
              const ms = performance.now() - t0;
              log.runMs += ms;
              log.calls++;
              log.runMsByModel[name] = (log.runMsByModel[name] ?? 0) + ms;
            }
          };
        }
        const value = Reflect.get(target, property);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  return {
    name: backend.name,
    batching: backend.batching,
    log,
    resetRuns() {
      log.runMs = 0;
      log.calls = 0;
      log.runMsByModel = {};
    },
    async createSession(source: GraphSource) {
      const t0 = performance.now();
      const session = await backend.createSession(source);
      log.createMs[source.name] = (log.createMs[source.name] ?? 0) + performance.now() - t0;
      return wrap(session, source.name);
    },
    createTensor: (type, data, dims) => backend.createTensor(type, data, dims),
  };
}
