/**
 * Real databases for tests: a fresh SQLite file per call, and, when TEST_POSTGRES_URL is set (CI
 * always sets it), a fresh PostgreSQL database per call, dropped afterwards.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export interface TestDatabase {
  kind: "sqlite" | "postgresql";
  url: string;
  drop(): Promise<void>;
}

export const postgresUrl = process.env.TEST_POSTGRES_URL || undefined;

export function tempDir(prefix = "secretariat-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function sqliteDatabase(): Promise<TestDatabase> {
  const dir = tempDir();
  return { kind: "sqlite", url: `file:${path.join(dir, "test.db")}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export async function postgresDatabase(base = postgresUrl): Promise<TestDatabase> {
  if (!base) throw new Error("TEST_POSTGRES_URL is not set");
  const name = `secretariat_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    kind: "postgresql",
    url: u.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** The databases every store test runs on: SQLite always, PostgreSQL when configured. */
export const databaseKinds: ("sqlite" | "postgresql")[] = postgresUrl ? ["sqlite", "postgresql"] : ["sqlite"];

export function freshDatabase(kind: "sqlite" | "postgresql"): Promise<TestDatabase> {
  return kind === "sqlite" ? sqliteDatabase() : postgresDatabase();
}
