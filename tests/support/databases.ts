/**
 * Real databases for tests: SQLite always and, when TEST_POSTGRES_URL is set (CI always sets it),
 * PostgreSQL, each test on its own database.
 *
 * - `seededDatabase(kind)`: migrated and seeded (CCWP, the corpus, the 1997 programme), as every
 *   command leaves an empty database. A copy of this run's template (tests/support/
 *   template-databases.ts), made in milliseconds.
 * - `emptyDatabase(kind)`: nothing in it, for tests of migrating and seeding themselves.
 *
 * Outside vitest (benchmarks import `tempDir`) there is no template: `seededDatabase` then hands
 * out an empty database, which the first open migrates and seeds as before.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import type { TestDatabaseTemplates } from "./template-databases.ts";

export type DatabaseKind = "sqlite" | "postgresql";

export interface TestDatabase {
  kind: DatabaseKind;
  url: string;
  drop(): Promise<void>;
}

export const postgresUrl = process.env.TEST_POSTGRES_URL || undefined;

/** The databases every store test runs on: SQLite always, PostgreSQL when configured. */
export const databaseKinds: DatabaseKind[] = postgresUrl ? ["sqlite", "postgresql"] : ["sqlite"];

/** This run's templates, or undefined outside a vitest run. */
function templates(): TestDatabaseTemplates | undefined {
  try {
    return inject("testDatabases");
  } catch {
    return undefined;
  }
}

/** A new empty folder, inside this run's folder (removed when the run ends) under vitest. */
export function tempDir(prefix = "secretariat-test-"): string {
  const runDir = templates()?.runDir;
  return fs.mkdtempSync(path.join(runDir && fs.existsSync(runDir) ? runDir : os.tmpdir(), prefix));
}

/** A migrated and seeded database of `kind`, a copy of this run's template. */
export function seededDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  const t = templates();
  if (!t) return emptyDatabase(kind);
  return kind === "sqlite" ? copySqlite(t.sqliteTemplate) : createPostgres(t.postgres?.base ?? requirePostgres(), t.postgres, t.postgres?.prefix);
}

/** An empty database of `kind`: nothing migrated, nothing seeded. */
export function emptyDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  return kind === "sqlite" ? emptySqlite() : createPostgres(requirePostgres(), undefined, templates()?.postgres?.prefix);
}

/** An empty SQLite database file (not created yet). */
export async function emptySqlite(): Promise<TestDatabase> {
  return sqliteIn(tempDir());
}

function sqliteIn(dir: string): TestDatabase {
  return { kind: "sqlite", url: `file:${path.join(dir, "test.db")}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

async function copySqlite(template: string): Promise<TestDatabase> {
  const db = sqliteIn(tempDir());
  const file = db.url.slice("file:".length);
  fs.copyFileSync(template, file);
  fs.chmodSync(file, 0o644); // the template is read-only; its copy is the test's to change
  return db;
}

function requirePostgres(): string {
  if (!postgresUrl) throw new Error("TEST_POSTGRES_URL is not set");
  return postgresUrl;
}

let seq = 0;

async function createPostgres(base: string, template: TestDatabaseTemplates["postgres"] | undefined, prefix = "secretariat_t_adhoc"): Promise<TestDatabase> {
  // Unique across workers of a run (pid) and runs (prefix holds the run id); teardown drops the prefix.
  const name = `${prefix}_${process.pid}_${++seq}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(template ? `CREATE DATABASE "${name}" TEMPLATE "${template.template}"` : `CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    kind: "postgresql",
    url: u.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      try {
        await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await a.end();
      }
    },
  };
}
