/** Runs webpack-cli in a child process, as `npm run build` does, and reports exit code and output. */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "../support/fixture-dirs";

export interface WebpackRun {
  exitCode: number | null;
  output: string;
}

export function runWebpack(args: string[]): Promise<WebpackRun> {
  const cli = join(repoRoot, "node_modules/webpack-cli/bin/cli.js");
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: repoRoot, env: { ...process.env, NO_COLOR: "1" } });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (exitCode) => resolvePromise({ exitCode, output }));
  });
}

/** `--env key=value` pairs. */
export function envArgs(env: Record<string, string>): string[] {
  return Object.entries(env).flatMap(([key, value]) => ["--env", `${key}=${value}`]);
}
