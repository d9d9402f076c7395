/**
 * Parks a page's Web Worker(s) right after one posts a chosen message, so a browser test can act while
 * the worker's job is provably unfinished (photograph a running generation, press Cancel) instead
 * of hoping the job outlasts the test's own steps.
 *
 * How: the worker's `postMessage` is wrapped (through Playwright's worker.evaluate; nothing of the
 * worker's code is replaced) so that after posting the first message whose `type` matches, it makes
 * a synchronous XHR to a 127.0.0.1 server this helper owns, which answers only on release(). A
 * blocked sync XHR parks the worker's thread without spinning; messages sent to the worker queue
 * up and are handled once it goes on. Every posted message is summarised for later assertions.
 */
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Worker } from "playwright-core";

/** What the worker posted while wrapped: the message type and its numeric step fields, if any. */
export interface PostedSummary {
  type: string;
  step?: number;
  totalSteps?: number;
}

export interface WorkerHold {
  /** Resolves when the worker is parked (its request reached the server); rejects after `timeoutMs`. */
  engaged(timeoutMs: number): Promise<void>;
  /** Lets the worker go on. */
  release(): void;
  /** The messages the worker posted since the hold was installed, in order. */
  posted(): Promise<PostedSummary[]>;
  /** Releases the worker, unwraps its postMessage and stops the server. */
  dispose(): Promise<void>;
}

/** A parked worker is let go after this long even if the test never releases it (a failed test must not leave it stuck). */
const MAX_HOLD_MS = 120_000;

/**
 * @param workers the candidates (e.g. every worker of one kind: a development build may start two);
 *   the first of them to post `messageType` is parked, once.
 */
export async function holdWorkerAfter(workers: readonly Worker[], messageType: string): Promise<WorkerHold> {
  if (workers.length === 0) throw new Error("holdWorkerAfter: no worker given.");
  let waiting: ServerResponse | null = null;
  let released = false;
  // One parking per hold, whichever worker gets there first: the others only record.
  let parkedOnce = false;
  let onEngaged!: () => void;
  const parked = new Promise<void>((resolve) => (onEngaged = resolve));
  const answer = () => {
    if (!waiting) return;
    waiting.writeHead(200, { "access-control-allow-origin": "*", "content-type": "text/plain" }).end("go");
    waiting = null;
  };
  const server = createServer((_request, response) => {
    if (parkedOnce) return void response.writeHead(200, { "access-control-allow-origin": "*" }).end("go");
    parkedOnce = true;
    waiting = response;
    onEngaged();
    if (released) answer();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hold`;
  const timer = setTimeout(() => release(), MAX_HOLD_MS);

  const wrap = (worker: Worker) =>
    worker.evaluate(
      ({ url, messageType }) => {
        const scope = self as unknown as { postMessage(...args: unknown[]): void; __workerHold?: unknown };
        const original = scope.postMessage;
        const state = { posted: [] as unknown[], held: false, original };
        scope.__workerHold = state;
        scope.postMessage = function (this: unknown, ...args: unknown[]) {
          original.apply(scope, args);
          const message = args[0] as { type?: unknown; step?: unknown; totalSteps?: unknown } | null;
          if (!message || typeof message.type !== "string") return;
          const summary: Record<string, unknown> = { type: message.type };
          if (typeof message.step === "number") summary.step = message.step;
          if (typeof message.totalSteps === "number") summary.totalSteps = message.totalSteps;
          state.posted.push(summary);
          if (message.type === messageType && !state.held) {
            state.held = true;
            const request = new XMLHttpRequest();
            request.open("GET", url, false); // synchronous: the worker's thread waits here
            request.send();
          }
        };
      },
        { url, messageType },
    );
  await Promise.all(workers.map(wrap));

  function release(): void {
    released = true;
    clearTimeout(timer);
    answer();
  }

  return {
    engaged(timeoutMs) {
      let timeout: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<never>((_, reject) => {
        timeout = setTimeout(() => reject(new Error(`The worker posted no "${messageType}" message within ${timeoutMs} ms, so it was never parked.`)), timeoutMs);
      });
      return Promise.race([parked, late]).finally(() => clearTimeout(timeout));
    },
    release,
    async posted() {
      const lists = await Promise.all(
        workers.map((worker) => worker.evaluate(() => ((self as unknown as { __workerHold?: { posted: PostedSummary[] } }).__workerHold?.posted ?? []).slice())),
      );
      return lists.flat();
    },
    async dispose() {
      release();
      for (const worker of workers) {
        await worker.evaluate(() => {
          const scope = self as unknown as { postMessage: unknown; __workerHold?: { original: unknown } };
          // postMessage is the global object's own property ([Global] interface): put the original back.
          if (scope.__workerHold) scope.postMessage = scope.__workerHold.original;
          delete scope.__workerHold;
        });
      }
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections(); // the worker's XHR may keep its connection alive
      await closed;
    },
  };
}
