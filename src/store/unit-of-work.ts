/**
 * The unit of work: a command's changes, its audit entries and its outbox rows are written in one
 * database transaction, so they commit together or not at all. Everything inside reads and writes
 * through the repositories the unit of work hands out (bound to that transaction); a failure
 * anywhere rolls all of it back, and so nothing is sent for a command that failed.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Db, DbTx, Store } from "./store.ts";
import { repositoriesOn, type Repositories } from "./repositories.ts";

export interface UnitOfWork extends Repositories {
  /**
   * The store as seen from inside this unit of work: its `db` is the transaction and its
   * `unitOfWork` joins this one. For code that takes a Store (the outbox) and is not yet written
   * against repositories.
   */
  readonly store: Store;
}

/** Long enough for the slowest command under load (a catch-up, a compile); SQLite queues them. */
const TRANSACTION = { maxWait: 60_000, timeout: 60_000 } as const;

/** The unit-of-work half of a Store: `run` opens one, `inside` tells whether this flow is in one. */
export class UnitsOfWork {
  private readonly current = new AsyncLocalStorage<UnitOfWork>();

  private readonly root: () => Store;
  constructor(root: () => Store) {
    this.root = root;
  }

  /** True while the calling async flow runs inside a unit of work of this store. */
  readonly inside = (): boolean => this.current.getStore() !== undefined;

  async run<T>(work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
    const open = this.current.getStore();
    if (open) return work(open); // a unit of work inside another joins it
    const root = this.root();
    return root.db.$transaction(async (tx) => {
      const uow = unitOfWorkOn(tx, root);
      return this.current.run(uow, () => work(uow));
    }, TRANSACTION);
  }
}

function unitOfWorkOn(tx: DbTx, root: Store): UnitOfWork {
  // A nested `$transaction` on the view joins this transaction instead of opening another.
  const db = new Proxy(tx, {
    get(target, prop, receiver) {
      if (prop === "$transaction")
        return async (arg: unknown) => {
          if (typeof arg === "function") return (arg as (t: DbTx) => Promise<unknown>)(tx);
          const out: unknown[] = [];
          for (const q of arg as Promise<unknown>[]) out.push(await q);
          return out;
        };
      return Reflect.get(target, prop, receiver);
    },
  }) as unknown as Db;
  const repos = repositoriesOn(db);
  const store: Store = {
    db,
    kind: root.kind,
    target: root.target,
    repos,
    unitOfWork: (work) => work(uow),
    close: () => Promise.reject(new Error("the store cannot be closed from inside a unit of work")),
  };
  const uow: UnitOfWork = { ...repos, store };
  return uow;
}
