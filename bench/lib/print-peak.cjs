// Preloaded (node -r) into a child process: prints its peak RSS (Linux VmHWM) to stderr at exit,
// including onnxruntime-node's native allocations that a JS sampler cannot see.
process.on("exit", () => {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(require("node:fs").readFileSync("/proc/self/status", "utf8"));
    if (match) process.stderr.write(`peak-rss-kib ${match[1]}\n`);
  } catch {
    // Not Linux: no peak figure.
  }
});
