import { afterEach, describe, expect, it } from "vitest";
import { openStore, type Store } from "../../src/store/index.ts";
import { databaseKinds, emptyDatabase, type TestDatabase } from "../support/databases.ts";

const entry = (action: string) => ({ actor: "test", action });

describe.each(databaseKinds)("unit of work on %s", (kind) => {
  let db: TestDatabase;
  let store: Store;
  afterEach(async () => {
    await store?.close();
    await db?.drop();
  });
  const open = async () => {
    db = await emptyDatabase(kind);
    store = await openStore(db.url);
  };
  const actions = async () => (await store.db.auditEntry.findMany({ orderBy: { id: "asc" } })).map((e) => e.action);

  it("commits everything a unit of work wrote when it returns", async () => {
    await open();
    const value = await store.unitOfWork(async (uow) => {
      await uow.audit.record(entry("one"));
      await uow.audit.record(entry("two"));
      return 42;
    });
    expect(value).toBe(42);
    expect(await actions()).toEqual(["one", "two"]);
  });

  it("keeps nothing a unit of work wrote when it throws, and passes the error on", async () => {
    await open();
    await expect(
      store.unitOfWork(async (uow) => {
        await uow.audit.record(entry("one"));
        await uow.store.db.auditEntry.create({ data: { actor: "test", action: "two" } });
        throw new Error("the command failed");
      }),
    ).rejects.toThrow("the command failed");
    expect(await actions()).toEqual([]);
  });

  it("joins a unit of work opened inside another, so an inner failure undoes the outer writes too", async () => {
    await open();
    await expect(
      store.unitOfWork(async (outer) => {
        await outer.audit.record(entry("outer"));
        await outer.store.unitOfWork(async (inner) => inner.audit.record(entry("inner")));
        await store.unitOfWork(async (inner) => inner.audit.record(entry("inner again")));
        await outer.store.db.$transaction(async (tx) => tx.auditEntry.create({ data: { actor: "test", action: "nested $transaction" } }));
        throw new Error("late failure");
      }),
    ).rejects.toThrow("late failure");
    expect(await actions()).toEqual([]);
  });

  it("does not undo a write made outside while another unit of work rolls back", async () => {
    await open();
    let outside: Promise<void> | undefined;
    let started!: () => void;
    const ready = new Promise<void>((r) => (started = r));
    const failing = store.unitOfWork(async (uow) => {
      await uow.audit.record(entry("inside"));
      started();
      await Promise.resolve();
      await uow.store.db.auditEntry.count(); // one more round trip while the outside write is on its way
      throw new Error("the command failed");
    });
    await ready;
    // e.g. the dispatcher marking a delivery sent while a command is being handled
    outside = store.repos.audit.record(entry("outside"));
    await expect(failing).rejects.toThrow("the command failed");
    await outside;
    expect(await actions()).toEqual(["outside"]);
  });
});

describe("unit of work on sqlite", () => {
  it("refuses a query to the store's own client from inside a unit of work instead of losing it or waiting for itself", async () => {
    const db = await emptyDatabase("sqlite");
    const store = await openStore(db.url);
    try {
      await expect(store.unitOfWork(async () => store.repos.audit.record(entry("misrouted")))).rejects.toThrow(/inside a unit of work/);
      expect(await store.db.auditEntry.count()).toBe(0);
    } finally {
      await store.close();
      await db.drop();
    }
  });
});
