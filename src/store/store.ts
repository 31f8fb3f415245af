/** The Store: the database behind repositories and units of work. Opened by openStore (index.ts). */
import type { PrismaClient } from "../generated/sqlite/client.ts";
import type { DatabaseTarget } from "./database-url.ts";
import type { Repositories } from "./repositories.ts";
import type { UnitOfWork } from "./unit-of-work.ts";

/**
 * The client type. Both generated clients share it: queries stay within what both providers
 * support, and the few that differ (locking reads) branch on `Store.kind`.
 */
export type Db = PrismaClient;
/** A client or the transaction client handed to `$transaction(async (tx) => ...)`. */
export type DbTx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export interface Store {
  /**
   * The Prisma client: for src/store's own modules (and tests that look at rows). Everything else
   * uses `repos` or a unit of work; tests/architecture.test.ts holds the line.
   */
  readonly db: Db;
  readonly kind: DatabaseTarget["kind"];
  readonly target: DatabaseTarget;
  /** Repositories on the store's own client: reads, and writes that stand alone. */
  readonly repos: Repositories;
  /** Runs `work` in one transaction: what it writes commits together, or nothing does. */
  unitOfWork<T>(work: (uow: UnitOfWork) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
