/**
 * Starts `npm run playground` (webpack-dev-server, plain http on 127.0.0.1) on a free port, waits
 * for the first compilation to succeed (a failed one rejects with webpack's output) and returns
 * the playground URL it printed. Stopped by process-group id (only the server we started).
 * Only the test of `npm run playground` itself uses it; other tests serve a cached build
 * (browser-session.ts), which compiles once instead of once per file.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./fixture-dirs";

export interface RunningDevServer {
  playgroundUrl: string;
  output(): string;
  stop(): Promise<void>;
}

export function startPlaygroundServer(timeoutMs = 900_000): Promise<RunningDevServer> {
  const cli = join(repoRoot, "node_modules/webpack-cli/bin/cli.js");
  const args = [cli, "serve", "--mode", "development", "--env", "serve=playground", "--env", "port=auto"];
  // detached: its own process group, so stop() ends webpack and anything it spawned, nothing else.
  const child: ChildProcess = spawn(process.execPath, args, { cwd: repoRoot, detached: true, env: { ...process.env, NO_COLOR: "1" } });
  let log = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
      await exited;
    }
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`The playground dev server did not finish compiling within ${timeoutMs} ms:\n${log}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      log += chunk.toString();
      const match = /Playground: (http:\/\/127\.0\.0\.1:\d+\/playground\/)/.exec(log);
      if (/compiled with \d+ errors?/.test(log)) {
        clearTimeout(timer);
        void stop();
        reject(new Error(`The playground failed to compile:\n${log}`));
      } else if (match && /compiled (successfully|with \d+ warnings?\b)/.test(log)) {
        clearTimeout(timer);
        resolve({ playgroundUrl: match[1], output: () => log, stop });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The playground dev server exited (${code}) before printing its URL:\n${log}`));
    });
  });
}
