/**
 * The test databases themselves: a seeded copy is as current as a database any command migrates
 * and seeds (so a template built before a new migration or seed change would be caught), copies are
 * independent, and the fingerprint that triggers a rebuild in watch mode follows the migrations.
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { shippedMigrations } from "../../src/store/migrate.ts";
import { openStore, type Store } from "../../src/store/index.ts";
import { seeders } from "../../src/runtime/seeders.ts";
import { databaseKinds, emptyDatabase, seededDatabase, tempDir, type TestDatabase } from "./databases.ts";
import { templateFingerprint } from "./template-databases.ts";

describe.each(databaseKinds)("a seeded test database on %s", (kind) => {
  const opened: { db: TestDatabase; store?: Store }[] = [];
  afterEach(async () => {
    for (const o of opened.splice(0)) {
      await o.store?.close();
      await o.db.drop();
    }
  });
  const open = async (db: TestDatabase) => {
    const store = await openStore(db.url);
    opened.push({ db, store });
    return store;
  };

  it("has every shipped migration applied and every seeder run", async () => {
    const store = await open(await seededDatabase(kind));
    const applied = await store.db.$queryRawUnsafe<{ migration_name: string }[]>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name",
    );
    expect(applied.map((r) => r.migration_name)).toEqual(shippedMigrations(kind));
    const seeded = await store.db.systemSetting.findMany({ where: { key: { startsWith: "seed:" } }, orderBy: { key: "asc" } });
    expect(seeded.map((s) => s.key)).toEqual(seeders.map((s) => `seed:${s.name}`).sort());
    expect(await store.db.workingParty.count({ where: { code: "CCWP" } })).toBe(1);
    expect(await store.db.passage.count()).toBeGreaterThan(100);
  });

  it("is a copy of its own: a change in one is not seen in another", async () => {
    const a = await open(await seededDatabase(kind));
    const b = await open(await seededDatabase(kind));
    await a.db.workingParty.update({ where: { code: "CCWP" }, data: { name: "changed in a" } });
    expect((await b.db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } })).name).not.toBe("changed in a");
  });

  it("can also be empty, for tests of migrating and seeding", async () => {
    const db = await emptyDatabase(kind);
    opened.push({ db });
    if (kind === "sqlite") expect(fs.existsSync(db.url.slice("file:".length))).toBe(false);
    else {
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      const { rows } = await c.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'");
      await c.end();
      expect(rows[0].n).toBe(0);
    }
  });
});

describe("the template fingerprint", () => {
  it("changes when a migration is added or edited, and only then", () => {
    const base = tempDir();
    const migration = path.join(base, "prisma", "migrations", "20260101000000_init");
    fs.mkdirSync(migration, { recursive: true });
    fs.writeFileSync(path.join(migration, "migration.sql"), "CREATE TABLE a (id INTEGER);");
    const first = templateFingerprint(base, ["prisma"]);
    expect(templateFingerprint(base, ["prisma"])).toBe(first);
    fs.writeFileSync(path.join(migration, "migration.sql"), "CREATE TABLE a (id INTEGER, b TEXT);");
    const edited = templateFingerprint(base, ["prisma"]);
    expect(edited).not.toBe(first);
    fs.mkdirSync(path.join(base, "prisma", "migrations", "20260102000000_more"));
    fs.writeFileSync(path.join(base, "prisma", "migrations", "20260102000000_more", "migration.sql"), "CREATE TABLE c (id INTEGER);");
    expect(templateFingerprint(base, ["prisma"])).not.toBe(edited);
  });
});
