/**
 * From a cached model to what the engine's ExecutionBackend loads: the graph's bytes plus, for
 * models over 2 GB, the external-data files under the names the graph refers to. External data is
 * passed by path (Node) or object URL of the stored file (browser): ONNX Runtime reads it itself.
 * Call `release()` on the result once the session exists.
 */
import type { FileRole } from "./catalogue-types";
import type { CachedModel } from "./model-downloader";
import type { GraphSource } from "../runtime/backend";

/** External weights that belong to each graph role. */
const DATA_ROLE: Partial<Record<FileRole, FileRole>> = { unet: "unet-data", "vae-decoder": "vae-decoder-data" };

export async function toGraphSource(cached: CachedModel, role: FileRole): Promise<GraphSource> {
  const graph = cached.file(role);
  const urls: string[] = [];
  const source: GraphSource = { name: `${cached.modelId}/${graph.path}`, bytes: await graph.read(), release: () => urls.splice(0).forEach((u) => URL.revokeObjectURL(u)) };
  const dataRole = DATA_ROLE[role];
  const data = dataRole ? cached.files.filter((f) => f.role === dataRole) : [];
  if (data.length > 0) {
    source.externalData = [];
    for (const f of data) {
      const where = await f.locate();
      const ref = where.kind === "path" ? where.path : URL.createObjectURL(where.blob);
      if (where.kind === "blob") urls.push(ref);
      source.externalData.push({ path: f.externalDataPath ?? f.path.split("/").pop()!, data: ref, size: f.size });
    }
  }
  return source;
}
