/**
 * One SQLite connection, one thing at a time. Prisma's better-sqlite3 adapter runs every query on a
 * single connection and only makes transactions wait for each other: a query outside a
 * transaction runs inside whichever transaction is open at that moment, and is undone with it when
 * that transaction rolls back (a dispatcher's "sent" mark undone by a failed command means a
 * message sent twice). This wrapper makes every query outside a transaction wait until the open
 * transaction has ended, so a unit of work sees only its own writes and undoes only its own.
 *
 * A query that arrives outside the transaction while the same async flow holds it would wait for
 * itself; `insideUnitOfWork` lets the wrapper refuse it at once instead of hanging.
 */
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction, IsolationLevel } from "@prisma/driver-adapter-utils";

/** A FIFO lock: `run` waits its turn; `acquire` returns the release function. */
class Lock {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const turn = this.tail.then(() => release);
    this.tail = this.tail.then(() => held);
    return turn;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}

class SerialSqliteAdapter implements SqlDriverAdapter {
  private readonly lock = new Lock();
  readonly provider: SqlDriverAdapter["provider"];
  readonly adapterName: string;

  private readonly inner: SqlDriverAdapter;
  private readonly insideUnitOfWork: () => boolean;

  constructor(inner: SqlDriverAdapter, insideUnitOfWork: () => boolean) {
    this.inner = inner;
    this.insideUnitOfWork = insideUnitOfWork;
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
    // Only where the inner adapter has it (better-sqlite3's does not): Prisma reads its absence.
    if (inner.getConnectionInfo) this.getConnectionInfo = () => inner.getConnectionInfo!();
  }

  getConnectionInfo?: () => ReturnType<NonNullable<SqlDriverAdapter["getConnectionInfo"]>>;

  private outside<T>(work: () => Promise<T>): Promise<T> {
    if (this.insideUnitOfWork())
      return Promise.reject(new Error("a query went to the store's own client from inside a unit of work; use the unit of work's repositories (it would wait for itself)"));
    return this.lock.run(work);
  }

  queryRaw(q: SqlQuery) {
    return this.outside(() => this.inner.queryRaw(q));
  }

  executeRaw(q: SqlQuery) {
    return this.outside(() => this.inner.executeRaw(q));
  }

  executeScript(script: string) {
    return this.outside(() => this.inner.executeScript(script));
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    const release = await this.lock.acquire();
    try {
      const tx = await this.inner.startTransaction(isolationLevel);
      const end = <A extends unknown[]>(f: (...a: A) => Promise<void>) => async (...a: A) => {
        try {
          await f(...a);
        } finally {
          release();
        }
      };
      tx.commit = end(tx.commit.bind(tx));
      tx.rollback = end(tx.rollback.bind(tx));
      return tx;
    } catch (e) {
      release();
      throw e;
    }
  }

  dispose() {
    return this.inner.dispose();
  }
}

/** Wraps a SQLite adapter factory so that queries outside a transaction wait for it to end. */
export function serialSqlite(factory: SqlDriverAdapterFactory, insideUnitOfWork: () => boolean): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => new SerialSqliteAdapter(await factory.connect(), insideUnitOfWork),
  };
}
