import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openStore, type Store } from "../../src/store/index.ts";
import { seedStep } from "../../src/runtime/seed.ts";
import { seeders } from "../../src/runtime/seeders.ts";
import { Outbox } from "../../src/outbox/outbox.ts";
import { databaseKinds, emptyDatabase, seededDatabase, tempDir, type TestDatabase } from "../support/databases.ts";
import { spawnCli } from "../support/cli.ts";

describe.each(databaseKinds)("store on %s", (kind) => {
  let db: TestDatabase;
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
    await db?.drop();
  });

  it("migrates an empty database and seeds the working party CCWP with its console channel once", async () => {
    db = await emptyDatabase(kind);
    store = await openStore(db.url, { setup: seedStep(seeders) });
    const wp = await store.db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" }, include: { channels: true } });
    expect(wp.timeZone).toBe("Europe/Brussels");
    expect(wp.planMonths).toBe(18);
    expect(wp.adoptLeadMonths).toBe(2);
    expect(wp.channels.map((c) => `${c.platform}:${c.channelId}:${c.purpose}`).sort()).toEqual(["console:#ccwp:reminders", "console:#ccwp:secretariat"]);
    await store.close();
    // reopening neither migrates again nor duplicates the seed, even after the seed was edited
    store = await openStore(db.url, { setup: seedStep(seeders) });
    await store.db.workingParty.update({ where: { code: "CCWP" }, data: { name: "renamed" } });
    await store.close();
    store = await openStore(db.url, { setup: seedStep(seeders) });
    expect(await store.db.workingParty.count()).toBe(1);
    expect((await store.db.workingParty.findFirstOrThrow()).name).toBe("renamed");
  });

  it("models the whole domain: plan, action, deadline, objective link, collection, report history", async () => {
    db = await seededDatabase(kind);
    store = await openStore(db.url, { setup: seedStep(seeders) });
    const wp = await store.db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } });
    const member = await store.db.member.create({ data: { workingPartyId: wp.id, platform: "slack", platformUserId: "U1", displayName: "Marie", delegation: "FR" } });
    const plan = await store.db.actionPlan.create({
      data: {
        workingPartyId: wp.id,
        number: 12,
        title: "Action plan",
        startDate: "2026-01-01",
        endDate: "2027-06-30",
        adoptNextBy: "2027-04-30",
        actions: {
          create: [
            {
              ord: 1,
              code: "12.1",
              title: "Joint training",
              leadDelegation: "FR",
              leadMemberId: member.id,
              objectives: { create: [{ documentSlug: "2012-strategy", label: "IV 1.a" }] },
            },
          ],
        },
      },
      include: { actions: true },
    });
    const action = plan.actions[0]!;
    await store.db.deadline.create({ data: { planId: plan.id, actionId: action.id, text: "June 2026", precision: "month", dueDate: "2026-06-30" } });
    const collection = await store.db.collection.create({ data: { workingPartyId: wp.id, planId: plan.id, dueDate: "2026-12-15", startedBy: "slack:U1", items: { create: [{ actionId: action.id }] } } });
    const report = await store.db.progressReport.create({
      data: { collectionId: collection.id, actionId: action.id, status: "on_track", summary: "Going well", versions: { create: [{ version: 1, status: "on_track", summary: "Going well", memberId: member.id, submittedBy: "slack:U1" }] } },
    });
    await store.db.reportVersion.create({ data: { reportId: report.id, version: 2, status: "delayed", summary: "Slipped", submittedBy: "slack:U1" } });
    const due = await store.db.deadline.findMany({ where: { dueDate: { gte: "2026-06-01", lte: "2026-06-30" } }, include: { action: { include: { objectives: true } } } });
    expect(due).toHaveLength(1);
    expect(due[0]!.action!.objectives[0]!.label).toBe("IV 1.a");
    expect(await store.db.reportVersion.count({ where: { reportId: report.id } })).toBe(2);
    // one report per action and collection; versions unique per report
    await expect(store.db.progressReport.create({ data: { collectionId: collection.id, actionId: action.id, status: "delayed", summary: "x" } })).rejects.toMatchObject({ code: "P2002" });
    await expect(store.db.reportVersion.create({ data: { reportId: report.id, version: 2, status: "delayed", summary: "x", submittedBy: "y" } })).rejects.toMatchObject({ code: "P2002" });
  });

  it("records each outbox key once, whoever tries first", async () => {
    db = await seededDatabase(kind);
    store = await openStore(db.url, { setup: seedStep(seeders) });
    const outbox = new Outbox(store);
    const d = { key: "k1", kind: "notice", platform: "console" as const, to: { kind: "channel" as const, id: "#ccwp" }, replies: [], dueAt: new Date("2026-01-01T08:00:00Z") };
    const results = await Promise.all([outbox.enqueue(d), outbox.enqueue(d), outbox.enqueue(d)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.db.delivery.count({ where: { key: "k1" } })).toBe(1);
  });

  it("lets two processes set up the same empty database at once", async () => {
    db = await emptyDatabase(kind);
    const env = { DATABASE_URL: db.url };
    const [a, b] = await Promise.all([spawnCli(["audit", "--json"], { env }), spawnCli(["audit", "--json"], { env })]);
    expect([a.code, b.code, a.stderr, b.stderr]).toEqual([0, 0, "", ""]);
    store = await openStore(db.url);
    expect(await store.db.workingParty.count()).toBe(1);
  });
});

describe("store on SQLite files", () => {
  it("refuses a file that is not a SQLite database and leaves it untouched", async () => {
    const dir = tempDir();
    const file = path.join(dir, "notes.db");
    fs.writeFileSync(file, "these are my notes, not a database\n".repeat(20));
    const before = fs.readFileSync(file);
    await expect(openStore(`file:${file}`)).rejects.toThrow(/not a SQLite database/);
    expect(fs.readFileSync(file)).toEqual(before);
    expect(fs.readdirSync(dir)).toEqual(["notes.db"]);
  });

  it("refuses a truncated SQLite file without changing it", async () => {
    const dir = tempDir();
    const good = `file:${path.join(dir, "good.db")}`;
    const s = await openStore(good, { setup: seedStep(seeders) });
    await s.close();
    const file = path.join(dir, "bad.db");
    const bytes = fs.readFileSync(path.join(dir, "good.db"));
    fs.writeFileSync(file, Buffer.concat([bytes.subarray(0, 100), Buffer.alloc(4000, 0xab)]));
    const before = fs.readFileSync(file);
    await expect(openStore(`file:${file}`)).rejects.toThrow(/SQLite|database/);
    expect(fs.readFileSync(file)).toEqual(before);
  });

  it("works in WAL mode so other processes can read while one writes", async () => {
    const dir = tempDir();
    const s = await openStore(`file:${path.join(dir, "wal.db")}`);
    const rows = await s.db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    await s.close();
    expect(rows[0]!.journal_mode).toBe("wal");
  });
});
