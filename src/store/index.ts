/**
 * The store: one Prisma client over SQLite (embedded default) or PostgreSQL (several copies of the
 * bot), migrated on open. The only module that imports Prisma; the rest of src/ uses its types.
 */
import fs from "node:fs";
import path from "node:path";
import { PrismaClient } from "../generated/sqlite/client.ts";
import { parseDatabaseUrl, type DatabaseTarget } from "./database-url.ts";
import { StoreError, errorText, explainDriverError, redactUrl } from "./errors.ts";
import { withSetupLock } from "./lock.ts";
import { applyMigrations, shippedMigrations } from "./migrate.ts";
import { repositoriesOn } from "./repositories.ts";
import { serialSqlite } from "./serial-sqlite.ts";
import type { Db, Store } from "./store.ts";
import { UnitsOfWork, type UnitOfWork } from "./unit-of-work.ts";

export type * from "../generated/sqlite/browser.ts";
export { Prisma } from "../generated/sqlite/client.ts";
export { StoreError } from "./errors.ts";
export type { DatabaseTarget } from "./database-url.ts";
export type { Db, DbTx, Store } from "./store.ts";
export type { UnitOfWork } from "./unit-of-work.ts";
export type { Repositories } from "./repositories.ts";
export type { ActionFields, DeadlineFields, DeadlineQuery } from "./action-plans.ts";
export type { AuditInput, AuditRecord } from "./audit.ts";
export { parseHolidays } from "./working-parties.ts";
export type { NewWorkingPartyRow, WorkingPartySettings } from "./working-parties.ts";
export type { MemberKey, MemberChanges } from "./members.ts";
export { PURPOSES, type Purpose, type BindingKey } from "./channels.ts";
export { BODIES, Delegation, delegationCode, delegationError } from "./delegation.ts";

/** Work done once under the setup lock after migrating, e.g. seeding bundled data. */
export interface SetupStep {
  /** cheap check, run on every open */
  needed(db: Db): Promise<boolean>;
  run(db: Db): Promise<void>;
}

/** Opens the database a URL names, checks it is readable, and applies pending migrations. */
export async function openStore(url: string, options: { setup?: SetupStep } = {}): Promise<Store> {
  const parsed = parseDatabaseUrl(url);
  if (!parsed.ok) throw new StoreError(parsed.error, "bad_url");
  const target = parsed.target;
  const where = target.kind === "sqlite" ? target.file : redactUrl(target.url);
  if (target.kind === "sqlite") checkSqliteFile(target.file);

  const units = new UnitsOfWork(() => store);
  let db = await createClient(target, units.inside);
  try {
    await db.$queryRawUnsafe("SELECT 1");
    if ((await pendingMigrations(db, target)).length > 0 || (await options.setup?.needed(db))) {
      // The schema engine opens its own connection; ours is closed meanwhile so that SQLite sees
      // one writer and our prepared statements see the new tables.
      await db.$disconnect();
      await withSetupLock(target, async () => {
        const probe = await createClient(target, units.inside);
        // WAL needs the file to itself, so it is set before the schema engine connects.
        if (target.kind === "sqlite") await probe.$queryRawUnsafe("PRAGMA journal_mode = WAL");
        const pending = await pendingMigrations(probe, target).finally(() => probe.$disconnect());
        if (pending.length > 0) await applyMigrations(target);
        db = await createClient(target, units.inside);
        await configureConnection(db, target);
        if (await options.setup?.needed(db)) await options.setup?.run(db);
      });
    } else {
      await configureConnection(db, target);
    }
  } catch (e) {
    await db.$disconnect().catch(() => undefined);
    if (e instanceof StoreError) throw e;
    throw explainDriverError(e, where) ?? new StoreError(`cannot prepare the database at ${where}: ${errorText(e)}`, "migration", e);
  }
  const store: Store = { db, kind: target.kind, target, repos: repositoriesOn(db), unitOfWork: (work) => units.run(work), close: () => db.$disconnect() };
  return store;
}

async function configureConnection(db: Db, target: DatabaseTarget): Promise<void> {
  if (target.kind !== "sqlite") return;
  // WAL (set on first setup, kept in the file) lets readers and one writer work at once.
  await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
}

async function createClient(target: DatabaseTarget, insideUnitOfWork: () => boolean): Promise<Db> {
  if (target.kind === "sqlite") {
    const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
    return new PrismaClient({ adapter: serialSqlite(new PrismaBetterSqlite3({ url: target.url, timeout: 15_000 }), insideUnitOfWork) });
  }
  const [{ PrismaPg }, { PrismaClient: PgClient }] = await Promise.all([
    import("@prisma/adapter-pg"),
    import("../generated/postgres/client.ts"),
  ]);
  const adapter = new PrismaPg({ connectionString: target.url, connectionTimeoutMillis: 5000 });
  // Same models, other provider: the generated clients are structurally the same type.
  return new PgClient({ adapter }) as unknown as Db;
}

/** Migrations shipped but not yet applied (cheap: one query, no schema engine). */
async function pendingMigrations(db: Db, target: DatabaseTarget): Promise<string[]> {
  const shipped = shippedMigrations(target.kind);
  const exists =
    target.kind === "sqlite"
      ? await db.$queryRawUnsafe<unknown[]>("SELECT name FROM sqlite_master WHERE type='table' AND name='_prisma_migrations'")
      : await db.$queryRawUnsafe<unknown[]>("SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '_prisma_migrations'");
  if (exists.length === 0) return shipped;
  const done = await db.$queryRawUnsafe<{ migration_name: string }[]>(
    "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
  );
  const applied = new Set(done.map((r) => r.migration_name));
  return shipped.filter((m) => !applied.has(m));
}

/** Refuses a path that is a directory or a file that is not SQLite, before anything writes to it. */
function checkSqliteFile(file: string): void {
  if (fs.existsSync(file)) {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) throw new StoreError(`DATABASE_URL names a directory (${file}), not a SQLite file`, "bad_url");
    if (stat.size > 0) {
      const fd = fs.openSync(file, "r");
      const head = Buffer.alloc(16);
      fs.readSync(fd, head, 0, 16, 0);
      fs.closeSync(fd);
      if (head.toString("latin1") !== "SQLite format 3\u0000")
        throw new StoreError(`${file} is not a SQLite database (its header does not match); nothing was changed`, "corrupt");
    }
  } else {
    fs.mkdirSync(path.dirname(file), { recursive: true });
  }
}

declare module "../core/command.ts" {
  /** Handlers reach the database through the store (see CoreDeps in src/core/command.ts). */
  interface CoreDeps {
    store: Store;
  }
  /** A handler's reads and writes go through the unit of work of its message. */
  interface CommandContext {
    uow: UnitOfWork;
  }
}
