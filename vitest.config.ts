import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    pool: "forks",
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          // Dashboard components (web/**/*.test.tsx) opt into happy-dom per file (// @vitest-environment happy-dom).
          include: ["src/**/*.test.ts", "test/**/*.test.ts", "web/**/*.test.{ts,tsx}"],
          exclude: ["**/node_modules/**", "test/e2e/**"],
          // heavy fixtures (the default fleet comparison, ~10 s alone) are built in beforeAll hooks
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          // Headless Chromium against the built dashboard and a live server (test/e2e/dashboard.e2e.test.ts).
          include: ["test/e2e/**/*.e2e.test.ts"],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
