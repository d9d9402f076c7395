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
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
