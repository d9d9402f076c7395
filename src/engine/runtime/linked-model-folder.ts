/**
 * Node only. onnxruntime-node finds a graph's external data beside the graph file, under the name
 * the graph records ("model.onnx_data"); its `externalData` option takes only in-memory buffers.
 * Cached files are stored under hashed names, so for loading they are hard-linked (same disk, no
 * copy, any size) into a temporary folder under the names the graph expects, then unlinked once
 * the session exists. A folder already laid out that way (genfill --model-dir) is used as is.
 */
import { link, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import type { GraphSource } from "./backend";

export interface LinkedGraph {
  /** The graph path to give onnxruntime-node, or undefined to load `source.bytes` as they are. */
  path: string | undefined;
  cleanup(): Promise<void>;
}

export async function linkedGraph(source: GraphSource): Promise<LinkedGraph> {
  const files = (source.externalData ?? []).filter((e): e is { path: string; data: string } => typeof e.data === "string");
  const none = { path: source.url, cleanup: async () => undefined };
  if (files.length === 0) return none;
  if (source.url && files.every((e) => resolve(e.data) === resolve(dirname(source.url!), e.path))) return none;
  const folder = await mkdtemp(join(dirname(files[0].data), ".ort-load-"));
  const cleanup = () => rm(folder, { recursive: true, force: true });
  try {
    const graph = join(folder, source.url ? basename(source.url).replace(/\.bin$/, ".onnx") : "model.onnx");
    if (source.url) await linkOrSymlink(source.url, graph);
    else if (source.bytes) await writeFile(graph, source.bytes);
    for (const e of files) await linkOrSymlink(e.data, join(folder, e.path));
    return { path: graph, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

async function linkOrSymlink(target: string, name: string): Promise<void> {
  await link(target, name).catch(() => symlink(resolve(target), name));
}
