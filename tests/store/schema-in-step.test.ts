/**
 * One schema source yields both providers' schemas and migration histories; this proves they are
 * in step: the generated schemas match the source, both histories have the same migrations, and
 * replaying each history leaves nothing to migrate (the engine's own diff, on a shadow database).
 */
import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { providerSchema, schemaPath } from "../../scripts/db-schemas.ts";
import { pendingSchemaDrift, shippedMigrations } from "../../src/store/migrate.ts";
import { emptyDatabase, emptySqlite, postgresUrl, type TestDatabase } from "../support/databases.ts";

const dropped: TestDatabase[] = [];
afterAll(async () => {
  for (const d of dropped) await d.drop();
});

describe("schema source and migrations", () => {
  it.each(["sqlite", "postgresql"] as const)("writes the %s schema from prisma/schema.base.prisma", (p) => {
    expect(fs.readFileSync(schemaPath(p), "utf8")).toBe(providerSchema(p));
  });

  it("keeps the same migration names for both providers", () => {
    const sqlite = shippedMigrations("sqlite");
    expect(sqlite.length).toBeGreaterThan(0);
    expect(shippedMigrations("postgresql")).toEqual(sqlite);
  });

  it("leaves no drift between the SQLite history and the schema", async () => {
    const db = await emptySqlite();
    dropped.push(db);
    const file = db.url.slice("file:".length);
    expect(await pendingSchemaDrift({ kind: "sqlite", url: db.url, file })).toBe("");
  });

  it("notices drift when the schema gains a model the history lacks", async () => {
    const db = await emptySqlite();
    dropped.push(db);
    const file = db.url.slice("file:".length);
    const schema = `${providerSchema("sqlite")}\nmodel Extra {\n  id Int @id\n}\n`;
    expect(await pendingSchemaDrift({ kind: "sqlite", url: db.url, file }, schema)).toMatch(/CREATE TABLE "Extra"/);
  });

  it.runIf(postgresUrl)("leaves no drift between the PostgreSQL history and the schema", async () => {
    const db = await emptyDatabase("postgresql");
    dropped.push(db);
    expect(await pendingSchemaDrift({ kind: "postgresql", url: db.url })).toBe("");
  });
});
