/**
 * Cancel, then Download again at once (the panel's Cancel → Download): the second download must
 * resume, even when the network stack never answers a read after the abort. Node 20's fetch did
 * exactly that in CI (a read started just after the abort stayed pending), and the next download of
 * the same file joined the dead one and waited forever. A real server on 127.0.0.1, a real store.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { ModelFile } from "../../../src/engine/models/catalogue-types";
import { DownloadAbortedError } from "../../../src/engine/models/errors";
import { ModelDownloader } from "../../../src/engine/models/model-downloader";
import { NodeDirectoryStore } from "../../../src/engine/models/node-directory-store";
import { startModelServer, type ModelServer } from "./model-server";
import { fixtureFiles, testCatalogue } from "./test-catalogue";

const UNET = "/tiny-sd/unet/model.onnx";
let server: ModelServer;
let dir: string;
let unetFile: ModelFile;

beforeEach(async () => {
  const files = fixtureFiles();
  server = await startModelServer(files);
  dir = mkdtempSync(join(tmpdir(), "lgf-cancel-"));
  unetFile = testCatalogue(server.origin, files).models[0].variants[0].files.find((f) => f.role === "unet")!;
});

afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Real fetch, but the first response's body goes deaf once its request is aborted: every later read
 * stays pending and cancelling it does nothing, which is how the Node 20 stack behaved.
 */
function deafAfterAbortFetch(): typeof fetch {
  let first = true;
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!first || !response.body) return response;
    first = false;
    const signal = init?.signal;
    const upstream = response.body.getReader();
    const never = new Promise<never>(() => undefined);
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (signal?.aborted) return never;
        const next = await upstream.read().catch(() => never);
        if (signal?.aborted) return never;
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
    });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

it("ends a cancelled download even when its body never answers again, and a Download right after resumes it", async () => {
  const downloader = new ModelDownloader({ store: new NodeDirectoryStore(dir), fetch: deafAfterAbortFetch(), allowedHosts: [new URL(server.origin).host] });
  server.behaviours.set(UNET, { chunkBytes: 128 * 1024, chunkDelayMs: 10, times: 1 });
  const controller = new AbortController();
  const cancelled = downloader.downloadFile(unetFile, { signal: controller.signal, onEvent: (e) => e.type === "file-progress" && e.loadedBytes > 1_000_000 && controller.abort() });
  await expect(cancelled).rejects.toBeInstanceOf(DownloadAbortedError);
  // At once, as a user pressing Download again would: it must not join the dying download.
  const meta = await downloader.downloadFile(unetFile);
  expect(meta.sha256).toBe(createHash("sha256").update(fixtureFiles().get(UNET)!).digest("hex"));
  const requests = server.log.filter((l) => l.path === UNET);
  expect(requests).toHaveLength(2);
  expect(requests[1].range).toMatch(/^bytes=\d+-$/); // resumed from the kept bytes, not restarted
  expect(requests[1].start).toBeGreaterThan(1_000_000);
}, 20_000);

it("starts nothing for a caller that has already cancelled", async () => {
  const downloader = new ModelDownloader({ store: new NodeDirectoryStore(dir), allowedHosts: [new URL(server.origin).host] });
  const controller = new AbortController();
  controller.abort();
  await expect(downloader.downloadFile(unetFile, { signal: controller.signal })).rejects.toBeInstanceOf(DownloadAbortedError);
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(server.log.filter((l) => l.path === UNET)).toHaveLength(0);
});
