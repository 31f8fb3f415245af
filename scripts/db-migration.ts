/**
 * Dev tool: `npm run db:migration -- NAME` regenerates both provider schemas from
 * prisma/schema.base.prisma and writes a migration for each provider (SQLite in a temporary file,
 * PostgreSQL in a temporary database on DEV_POSTGRES_URL, default the local server).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { execFileSync } from "node:child_process";
import { createMigration } from "../src/store/migrate.ts";

const name = process.argv[2] ?? "migration";
execFileSync("npx", ["tsx", "scripts/db-schemas.ts"], { stdio: "inherit" });

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "secretariat-mig-"));
const file = path.join(tmp, "dev.db");
console.log("sqlite:", (await createMigration({ kind: "sqlite", url: `file:${file}`, file }, name)) ?? "no schema changes");

const base = process.env.DEV_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const db = `secretariat_mig_${Date.now()}`;
const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`CREATE DATABASE ${db}`);
try {
  const u = new URL(base);
  u.pathname = `/${db}`;
  console.log("postgresql:", (await createMigration({ kind: "postgresql", url: u.toString() }, name)) ?? "no schema changes");
} finally {
  await admin.query(`DROP DATABASE ${db} WITH (FORCE)`);
  await admin.end();
}
