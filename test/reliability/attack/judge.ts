/**
 * How an attack case ended, in the categories:
 *   clear     — refused with one sentence from a named error class that says what to do, or a correct result;
 *   unclear   — refused, but with internals (a raw runtime message, a stack, a generic Error);
 *   crash     — an unexpected exception type, a process that died, or a hang;
 *   data lost — bad output or lost work: a refusal that did not happen (silent bad result), a file
 *               overwritten or half-written, a record or model damaged.
 */
export type Outcome = "clear" | "unclear" | "crash" | "data lost";

export interface Verdict {
  outcome: Outcome;
  detail: string;
}

const RAW_NAMES = new Set(["Error", "TypeError", "RangeError", "ReferenceError", "SyntaxError", "DataCloneError", "AbortError", "undefined"]);
const INTERNALS = /\n\s+at |ERROR_CODE|OrtRun|Non-zero status code|waitng|waiting on finished|Cannot read propert|is not a function|is not iterable|Maximum call stack|ENOENT:|EISDIR|Unexpected token|\[object Object\]/;

/** A thrown value judged as a refusal. */
export function judgeError(error: unknown): Verdict {
  const name = (error as { name?: string } | null)?.name ?? "undefined";
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split("\n")[0];
  if (RAW_NAMES.has(name)) return { outcome: "crash", detail: `${name}: ${first.slice(0, 140)}` };
  if (INTERNALS.test(message) || message.length > 600 || message.trim().length < 15) return { outcome: "unclear", detail: `${name}: ${first.slice(0, 140)}` };
  return { outcome: "clear", detail: `${name}: ${first.slice(0, 140)}` };
}

/** A genfill child process judged as a refusal (non-zero exit, one "genfill:" sentence on stderr). */
export function judgeProcess(r: { code: number | null; stderr: string; signal?: string | null }): Verdict {
  const line = r.stderr.split("\n").find((l) => l.startsWith("genfill:")) ?? r.stderr.trim().split("\n")[0] ?? "";
  if (r.code === 0) return { outcome: "data lost", detail: "exited 0 where it should have refused" };
  if (r.code === null || /unexpected failure/.test(r.stderr)) return { outcome: "crash", detail: `${r.signal ?? ""} ${line.slice(0, 140)}` };
  if (!line.startsWith("genfill:") || INTERNALS.test(r.stderr)) return { outcome: "unclear", detail: line.slice(0, 140) };
  return { outcome: "clear", detail: line.slice(0, 140) };
}
