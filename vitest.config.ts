import { defineConfig } from "vitest/config";

// Three suites: fast unit tests, reference-parity suites (also run alone by `npm run parity`),
// and browser tests that drive Debian Chromium through playwright-core.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
          exclude: ["test/**/*.parity.test.ts", "test/**/*.browser.test.ts", "node_modules/**"],
          environment: "node",
          // Generous: some engine tests run real models on 2 shared cores (CI and developer machines alike).
          testTimeout: 180_000,
        },
      },
      {
        test: {
          name: "parity",
          include: ["test/**/*.parity.test.ts"],
          environment: "node",
          testTimeout: 300_000,
        },
      },
      {
        test: {
          name: "browser",
          include: ["test/**/*.browser.test.ts"],
          environment: "node",
          testTimeout: 600_000,
          // A file's setup may build the playground (test/support/webpack-build.ts: once per run,
          // then cached): ~70 s of CPU, far longer on a shared, busy machine.
          hookTimeout: 1_800_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
