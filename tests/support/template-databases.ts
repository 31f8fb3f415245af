/**
 * Template databases, built once per test run by vitest's globalSetup (tests/support/global-setup.ts)
 * and copied for each test: migrating and seeding costs seconds (more under load), a copy costs
 * milliseconds. SQLite: a file copied per test. PostgreSQL: `CREATE DATABASE … TEMPLATE …`.
 *
 * Names carry a run id (UTC time + random), so runs by several engineers on one PostgreSQL server
 * never share a template or a test database, and teardown drops exactly its own run's databases.
 * Runs that died without teardown leave names whose time says how old they are; the next run drops
 * those older than a day.
 *
 * This module runs in vitest's main process: it must not import "vitest".
 */
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { loadConfig } from "../../src/config/index.ts";
import { createLogger } from "../../src/log/logger.ts";
import { openRuntime } from "../../src/runtime/open-runtime.ts";
import { projectRoot as root } from "../../src/config/paths.ts";

/** What globalSetup hands every test worker (vitest `provide`/`inject`; serialisable). */
export interface TestDatabaseTemplates {
  /** this run's folder for temporary files; removed at teardown */
  runDir: string;
  /** a migrated and seeded SQLite file, to be copied, never opened by tests */
  sqliteTemplate: string;
  postgres?: {
    /** the server's admin URL (TEST_POSTGRES_URL) */
    base: string;
    /** template database name */
    template: string;
    /** every test database of this run starts with it */
    prefix: string;
  };
  /** hash of what the templates were built from */
  fingerprint: string;
}

const NAME_PREFIX = "secretariat_";
/** secretariat_tpl_<run>, secretariat_t_<run>_<n>; <run> = yyyymmddhhmmss_<hex> */
const RUN_NAME = /^secretariat_(?:tpl|t)_(\d{14})_[0-9a-f]+/;
const STALE_MS = 24 * 3600_000;

/** A run id: the UTC time to the second (so stale leftovers can be told by age) and randomness. */
export function newRunId(at: Date): string {
  return `${at.toISOString().replace(/\D/g, "").slice(0, 14)}_${randomBytes(4).toString("hex")}`;
}

/**
 * A hash of everything a seeded database is made of: the migrations and schemas (prisma/), the
 * bundled data (data/) and the code that seeds it (src/). Watch mode rebuilds the templates when
 * it changes between reruns; a normal run builds them afresh anyway.
 */
export function templateFingerprint(base = root, dirs = ["prisma", "data", "src"]): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== "generated" && e.name !== "node_modules") walk(p);
      } else {
        hash.update(path.relative(base, p)).update("\0").update(fs.readFileSync(p)).update("\0");
      }
    }
  };
  for (const d of dirs) walk(path.join(base, d));
  return hash.digest("hex").slice(0, 16);
}

/** Builds this run's templates: SQLite always, PostgreSQL when `postgresUrl` is given. */
export async function buildTemplates(o: { runId: string; runDir: string; postgresUrl?: string; now: Date }): Promise<TestDatabaseTemplates> {
  const fingerprint = templateFingerprint();
  const [sqliteTemplate, postgres] = await Promise.all([
    buildSqliteTemplate(o.runDir),
    o.postgresUrl ? buildPostgresTemplate(o.postgresUrl, o.runId, o.now) : Promise.resolve(undefined),
  ]);
  return { runDir: o.runDir, sqliteTemplate, fingerprint, ...(postgres ? { postgres } : {}) };
}

/** A fresh run folder under the system temp dir. */
export function makeRunDir(runId: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `secretariat-run-${runId}-`));
}

async function seedThrough(url: string): Promise<void> {
  // The same path every command takes on an empty database: migrate, then run the seeders.
  const rt = await openRuntime(loadConfig({ DATABASE_URL: url }), createLogger("silent"));
  try {
    if (rt.store.kind === "sqlite") await rt.store.db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  } finally {
    await rt.close();
  }
}

async function buildSqliteTemplate(runDir: string): Promise<string> {
  const dir = path.join(runDir, "template");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "seeded.db");
  await seedThrough(`file:${file}`);
  // Closed and checkpointed: the main file holds everything, so copying it alone is a whole database.
  for (const side of ["-wal", "-shm"]) if (fs.existsSync(file + side) && fs.statSync(file + side).size > 0) throw new Error(`template ${file}${side} was left non-empty`);
  fs.chmodSync(file, 0o444); // a test that opened the template by mistake fails instead of changing every copy
  return file;
}

const quoteIdent = (name: string) => {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unexpected database name ${name}`);
  return `"${name}"`;
};

async function withAdmin<T>(base: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: base, connectionTimeoutMillis: 10_000 });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

const urlFor = (base: string, name: string) => {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
};

async function buildPostgresTemplate(base: string, runId: string, now: Date): Promise<NonNullable<TestDatabaseTemplates["postgres"]>> {
  const template = `${NAME_PREFIX}tpl_${runId}`;
  await withAdmin(base, async (c) => {
    await dropStale(c, now);
    await c.query(`CREATE DATABASE ${quoteIdent(template)}`);
  });
  await seedThrough(urlFor(base, template));
  await withAdmin(base, async (c) => {
    // CREATE DATABASE … TEMPLATE refuses a source anyone is connected to; nobody may connect from now on.
    await c.query(`ALTER DATABASE ${quoteIdent(template)} WITH ALLOW_CONNECTIONS false IS_TEMPLATE true`);
    await c.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", [template]);
  });
  return { base, template, prefix: `${NAME_PREFIX}t_${runId}` };
}

/** Drops this run's template and every test database of the run still there. */
export async function dropTemplates(t: TestDatabaseTemplates): Promise<void> {
  fs.rmSync(t.runDir, { recursive: true, force: true });
  const p = t.postgres;
  if (!p) return;
  await withAdmin(p.base, async (c) => {
    const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname = $1 OR starts_with(datname, $2)", [p.template, `${p.prefix}_`]);
    for (const r of rows) await dropDatabase(c, r.datname);
  });
}

async function dropDatabase(c: pg.Client, name: string): Promise<void> {
  await c.query(`ALTER DATABASE ${quoteIdent(name)} WITH IS_TEMPLATE false`);
  await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
}

/** Templates and test databases of runs that started more than a day ago (killed before teardown). */
async function dropStale(c: pg.Client, now: Date): Promise<void> {
  const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [NAME_PREFIX]);
  for (const { datname } of rows) {
    const stamp = RUN_NAME.exec(datname)?.[1];
    if (!stamp) continue;
    const started = Date.UTC(+stamp.slice(0, 4), +stamp.slice(4, 6) - 1, +stamp.slice(6, 8), +stamp.slice(8, 10), +stamp.slice(10, 12), +stamp.slice(12, 14));
    if (now.getTime() - started > STALE_MS) await dropDatabase(c, datname).catch(() => undefined);
  }
}
