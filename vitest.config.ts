import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // migrated and seeded template databases, built once per run and copied per test
    globalSetup: ["tests/support/global-setup.ts"],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // two cores: files in parallel, each on its own databases
    pool: "forks",
    maxWorkers: 2,
  },
});
