/**
 * Git's blob id of a file: sha1("blob <size>\0" + content). The Hub lists it for files that are
 * not in Git LFS (configs, tokenizer files), which have no sha256 in the listing. Those files are
 * small (the Hub moves anything large to LFS), so Web Crypto's one-shot SHA-1 over the whole file
 * is fine here; large files are checked by the streaming sha256 instead.
 */

/** Largest file hashed this way: far above any non-LFS file, far below a memory problem. */
const MAX_BYTES = 64 * 1024 * 1024;

export async function gitBlobOid(chunks: AsyncIterable<Uint8Array>, size: number): Promise<string> {
  if (size > MAX_BYTES) throw new Error(`a ${size}-byte file is too large for a git blob id check`);
  const header = new TextEncoder().encode(`blob ${size}\0`);
  const all = new Uint8Array(header.length + size);
  all.set(header);
  let at = header.length;
  for await (const chunk of chunks) {
    if (at + chunk.length > all.length) throw new Error("the file grew while it was being checked");
    all.set(chunk, at);
    at += chunk.length;
  }
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-1", all.subarray(0, at)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}
