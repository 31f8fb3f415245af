/**
 * A reminder tick over 100,000 stored deadlines, on SQLite and PostgreSQL: planning when nothing is
 * due (goal ≤ 100 ms) and with 1,000 due (goal ≤ 500 ms; recording them in the outbox included,
 * delivery excluded), beside the plain indexed query that finds the same deadlines.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { loadConfig } from "../src/config/index.ts";
import { createLogger } from "../src/log/logger.ts";
import { Outbox } from "../src/outbox/outbox.ts";
import { planReminders } from "../src/reminders/plan-reminders.ts";
import { openRuntime, type Runtime } from "../src/runtime/open-runtime.ts";
import { addCivilDays } from "../src/time/civil-date.ts";
import { percentile, round, type Figure } from "./support/measure.ts";

const TOTAL = 100_000;
const DUE = 1_000;
const log = createLogger("silent");

async function database(kind: "sqlite" | "postgresql"): Promise<{ url: string; drop(): Promise<void> }> {
  if (kind === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-rem-"));
    return { url: `file:${path.join(dir, "b.db")}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const base = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
  const name = `bench_rem_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** 1,000 actions × 100 deadlines spread over 30 years from 2031; `dueDay` gets DUE of them. */
async function fill(rt: Runtime, dueDay: string): Promise<void> {
  const db = rt.store.db;
  const wp = await db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } });
  const plan = await db.actionPlan.create({ data: { workingPartyId: wp.id, number: 900, title: "Bench plan", startDate: "2030-01-01", endDate: "2031-06-30", adoptNextBy: "2031-04-30" } });
  await db.action.createMany({ data: Array.from({ length: 1000 }, (_, i) => ({ planId: plan.id, ord: i, code: `1.${i}`, title: `Action ${i}`, leadDelegation: "FR" })) });
  const actions = await db.action.findMany({ where: { planId: plan.id }, select: { id: true }, orderBy: { ord: "asc" } });
  const rows = [];
  for (let i = 0; i < TOTAL; i++) {
    rows.push({ planId: plan.id, actionId: actions[i % 1000]!.id, text: "bench", precision: "day", dueDate: i < DUE ? dueDay : addCivilDays("2031-01-01", i % 11_000) });
  }
  for (let i = 0; i < rows.length; i += 5000) await db.deadline.createMany({ data: rows.slice(i, i + 5000) });
}

export async function* remindersTick(): AsyncGenerator<Figure> {
  for (const kind of ["sqlite", "postgresql"] as const) {
    const d = await database(kind);
    const rt = await openRuntime(loadConfig({ DATABASE_URL: d.url }), createLogger("silent"));
    // Only the 14-days-before rule fires at the "due" instant: 2030-06-04 (Tue) for deadlines due 2030-06-18.
    await fill(rt, "2030-06-18");
    const quiet: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < 20; i++) {
      // a quiet minute: 10:00 on a day with nothing due (items of the 09:00 slot are not re-read as new)
      const now = new Date(Date.UTC(2030, 4, 6 + i, 8, 0));
      let t = performance.now();
      await planReminders(rt.store, new Outbox(rt.store), now, log);
      quiet.push(performance.now() - t);
      t = performance.now();
      await rt.store.db.deadline.findMany({ where: { dueDate: { gte: "2030-05-20", lte: "2030-06-03" } }, include: { action: true } });
      baseline.push(performance.now() - t);
    }
    let t = performance.now();
    const s = await planReminders(rt.store, new Outbox(rt.store), new Date("2030-06-04T07:00:00Z"), log);
    const dueMs = performance.now() - t;
    if (s.items !== DUE) throw new Error(`expected ${DUE} reminders, planned ${s.items}`);
    t = performance.now();
    const found = await rt.store.db.deadline.findMany({ where: { dueDate: "2030-06-18", action: { status: "open" } }, include: { action: true, plan: true } });
    const dueBaseline = performance.now() - t;
    if (found.length !== DUE) throw new Error("baseline query found the wrong rows");
    yield { name: `reminders_tick_nothing_due_100k_${kind}_p50_ms`, value: round(percentile(quiet, 50), 2), unit: "ms" };
    yield { name: `reminders_tick_nothing_due_100k_${kind}_max_ms`, value: round(Math.max(...quiet), 2), unit: "ms" };
    yield { name: `baseline_indexed_range_query_100k_${kind}_p50_ms`, value: round(percentile(baseline, 50), 2), unit: "ms" };
    yield { name: `reminders_tick_1000_due_100k_${kind}_ms`, value: round(dueMs, 1), unit: "ms" };
    yield { name: `baseline_query_1000_due_100k_${kind}_ms`, value: round(dueBaseline, 1), unit: "ms" };
    await rt.close();
    await d.drop();
  }
}
