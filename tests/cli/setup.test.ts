/**
 * `secretariat setup`: prepares a database (migrations, the bundled data) and exits; `start` runs
 * it in a child process first, so the server never keeps what migrating and seeding cost.
 */
import { describe, expect, it } from "vitest";
import { openStore } from "../../src/store/index.ts";
import { runCli, spawnCli } from "../support/cli.ts";
import { databaseKinds, emptyDatabase } from "../support/databases.ts";

describe.each(databaseKinds)("secretariat setup (%s)", (kind) => {
  it("migrates and seeds an empty database once, and says so", async () => {
    const db = await emptyDatabase(kind);
    try {
      const first = await runCli(["setup", "--json"], { env: { DATABASE_URL: db.url } });
      expect(first.code).toBe(0);
      expect(JSON.parse(first.stdout)).toMatchObject({ ready: true });
      const counts = async () => {
        const store = await openStore(db.url);
        try {
          return { wps: await store.db.workingParty.count(), documents: await store.db.strategyDocument.count(), passages: await store.db.passage.count() };
        } finally {
          await store.close();
        }
      };
      const after = await counts();
      expect(after.wps).toBe(1);
      expect(after.documents).toBe(5);
      const again = await runCli(["setup"], { env: { DATABASE_URL: db.url } });
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/^The database is ready: /);
      expect(await counts()).toEqual(after);
    } finally {
      await db.drop();
    }
  });
});

describe("secretariat start preparing its database", () => {
  it("stops with the preparation's one line when the database cannot be reached, and serves nothing", async () => {
    const run = await spawnCli(["start"], { env: { DATABASE_URL: "postgresql://postgres@127.0.0.1:1/nowhere", PORT: "0", HOST: "127.0.0.1" } });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split("\n")).toEqual(["secretariat: cannot reach the PostgreSQL server of postgresql://postgres@127.0.0.1:1/nowhere (Can't reach database server at 127.0.0.1:1)"]);
    expect(run.stdout).toBe("");
  });
});
