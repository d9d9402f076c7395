/** One attack case: what it tries, and whether a refusal or a result is the right answer. */
import { judgeError, type Verdict } from "./judge";

export interface AttackCase {
  area: string;
  name: string;
  /** "refuse": must throw a clear error; "succeed": must return normally (its own checks throw on bad output). */
  expect: "refuse" | "succeed";
  run: () => Promise<unknown>;
  /** After the run: false (or a thrown error) means work or data was lost. */
  intact?: () => boolean | Promise<boolean>;
  /** Cases that judge themselves (child processes). */
  judge?: () => Promise<Verdict>;
}

export const refuse = (area: string, name: string, run: () => unknown, intact?: AttackCase["intact"]): AttackCase => ({ area, name, expect: "refuse", run: async () => run(), intact });
export const succeed = (area: string, name: string, run: () => unknown, intact?: AttackCase["intact"]): AttackCase => ({ area, name, expect: "succeed", run: async () => run(), intact });

const TIMEOUT_MS = 180_000;

export async function runCase(c: AttackCase): Promise<Verdict> {
  let verdict: Verdict;
  if (c.judge) verdict = await c.judge();
  else {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(Object.assign(new Error("no answer after 180 s"), { name: "Hang" })), TIMEOUT_MS)));
    try {
      await Promise.race([c.run(), timeout]);
      verdict = c.expect === "succeed" ? { outcome: "clear", detail: "correct result" } : { outcome: "data lost", detail: "accepted silently where it should have refused" };
    } catch (error) {
      if ((error as Error).name === "Hang") verdict = { outcome: "crash", detail: "hung" };
      else if (c.expect === "succeed") verdict = { ...judgeError(error), outcome: judgeError(error).outcome === "clear" ? "crash" : judgeError(error).outcome };
      else verdict = judgeError(error);
    } finally {
      clearTimeout(timer);
    }
  }
  if (c.intact) {
    const ok = await Promise.resolve(c.intact()).catch(() => false);
    if (!ok) verdict = { outcome: "data lost", detail: `${verdict.detail} — and data was lost or damaged` };
  }
  return verdict;
}
