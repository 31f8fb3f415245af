/**
 * Planning: deadlines in the next 30 days out of 100,000 stored (SQLite always; PostgreSQL when
 * BENCH_POSTGRES_URL or TEST_POSTGRES_URL is set), beside the plain indexed query on dueDate;
 * parsing 10,000 deadline phrases beside `new Date(text)`; rendering the timeline of a 3-plan
 * working party (SVG and PNG) beside rasterising an empty page of the same size.
 * Goal: deadlines query ≤ 50 ms.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { loadConfig } from "../src/config/index.ts";
import { createLogger } from "../src/log/logger.ts";
import { listDeadlines } from "../src/planning/deadlines/deadlines.ts";
import { parseDeadlinePhrase } from "../src/planning/phrases/deadline-phrase.ts";
import { rasterise } from "../src/planning/timeline/timeline-png.ts";
import { renderTimelineSvg, timelineData } from "../src/planning/timeline/timeline.ts";
import { openRuntime, type Runtime } from "../src/runtime/open-runtime.ts";
import { percentile, round, type Figure } from "./support/measure.ts";

const TOTAL = 100_000;
const TODAY = "2026-11-23";
const UNTIL = "2026-12-23";

/** A deterministic pseudo-random sequence (mulberry32), so every run stores the same rows. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function fill(rt: Runtime): Promise<number> {
  const db = rt.store.db;
  const wp = await db.workingParty.create({ data: { code: "BENCH", name: "Bench party" } });
  const rand = rng(42);
  const start = Date.UTC(2020, 0, 1);
  const spanDays = 11 * 365;
  for (let p = 1; p <= 100; p++) {
    const plan = await db.actionPlan.create({ data: { workingPartyId: wp.id, number: p, title: `Plan ${p}`, startDate: "2020-01-01", endDate: "2031-06-30", adoptNextBy: "2031-04-30" } });
    await db.action.createMany({ data: Array.from({ length: 100 }, (_, i) => ({ planId: plan.id, ord: i, code: `${p}.${i + 1}`, title: `Action ${p}.${i + 1}`, leadDelegation: ["FR", "DE", "NL", "IT"][i % 4] })) });
    const actions = await db.action.findMany({ where: { planId: plan.id }, select: { id: true } });
    const rows = actions.flatMap((a) =>
      Array.from({ length: TOTAL / 100 / 100 }, (_, k) => {
        const due = new Date(start + Math.floor(rand() * spanDays) * 86_400_000).toISOString().slice(0, 10);
        return { planId: plan.id, actionId: a.id, ord: k, text: due, precision: "day", dueDate: due };
      }),
    );
    for (let i = 0; i < rows.length; i += 500) await db.deadline.createMany({ data: rows.slice(i, i + 500) });
  }
  return wp.id;
}

async function* deadlinesOn(kind: string, url: string, runs = 30): AsyncGenerator<Figure> {
  const rt = await openRuntime(loadConfig({ DATABASE_URL: url }), createLogger("silent"));
  try {
    const wpId = await fill(rt);
    const db = rt.store.db;
    const ours: number[] = [];
    const plain: number[] = [];
    let found = 0;
    for (let i = 0; i < runs + 3; i++) {
      let t = performance.now();
      const rows = await listDeadlines(rt.store.repos, { workingPartyId: wpId, from: TODAY, until: UNTIL }, TODAY);
      const a = performance.now() - t;
      t = performance.now();
      const raw = await db.$queryRawUnsafe<unknown[]>(`SELECT * FROM "Deadline" WHERE "dueDate" >= '${TODAY}' AND "dueDate" <= '${UNTIL}' ORDER BY "dueDate"`);
      const b = performance.now() - t;
      if (i >= 3) (ours.push(a), plain.push(b)); // the first runs warm the caches and statements
      found = rows.length;
      if (raw.length !== rows.length) throw new Error(`row counts differ: ${raw.length} vs ${rows.length}`);
    }
    const p50 = percentile(ours, 50);
    const b50 = percentile(plain, 50);
    yield { name: `deadlines_next_30_days_of_100k_${kind}_p50_ms`, value: round(p50, 2), unit: "ms" };
    yield { name: `deadlines_next_30_days_of_100k_${kind}_p95_ms`, value: round(percentile(ours, 95), 2), unit: "ms" };
    yield { name: `deadlines_next_30_days_${kind}_rows`, value: found, unit: "rows" };
    yield { name: `baseline_plain_indexed_query_${kind}_p50_ms`, value: round(b50, 2), unit: "ms" };
    yield { name: `deadlines_vs_plain_query_${kind}_ratio`, value: round(p50 / b50, 2), unit: "x" };
  } finally {
    await rt.close();
  }
}

async function* phrases(): AsyncGenerator<Figure> {
  const forms = ["June 1998", "By December 1997", "Conclude discussion by end 1997.", "During 1997", "Early 1998", "Consider by June 1998", "Report to be circulated by December 1998", "Target date of December 1998", "15 March 2026", "2026-03-15", "Q3 2026", "first half of 2026", "H2 2026", "mid-2026", "by the end of the Polish Presidency", "under the Irish Presidency", "not a date at all"];
  const input = Array.from({ length: 10_000 }, (_, i) => forms[i % forms.length]!);
  const iso = Array.from({ length: 10_000 }, (_, i) => `2026-${String((i % 12) + 1).padStart(2, "0")}-15`);
  const times: number[] = [];
  const base: number[] = [];
  for (let r = 0; r < 7; r++) {
    let t = performance.now();
    for (const p of input) parseDeadlinePhrase(p, { reference: TODAY });
    times.push(performance.now() - t);
    t = performance.now();
    for (const p of iso) new Date(p).getTime();
    base.push(performance.now() - t);
  }
  const p50 = percentile(times, 50);
  const b50 = percentile(base, 50);
  yield { name: "parse_10000_phrases_ms", value: round(p50, 2), unit: "ms" };
  yield { name: "baseline_new_date_10000_iso_ms", value: round(b50, 2), unit: "ms" };
  yield { name: "parse_phrases_vs_new_date_ratio", value: round(p50 / b50, 2), unit: "x" };
}

async function* timeline(url: string): AsyncGenerator<Figure> {
  const rt = await openRuntime(loadConfig({ DATABASE_URL: url }), createLogger("silent"));
  try {
    const db = rt.store.db;
    const wp = await db.workingParty.create({ data: { code: "TRIO", name: "Three plans" } });
    for (const [n, start, end, adopt] of [[1, "2023-01-01", "2024-06-30", "2024-04-30"], [2, "2024-07-01", "2025-12-31", "2025-10-31"], [3, "2026-01-01", "2027-06-30", "2027-04-30"]] as const) {
      const plan = await db.actionPlan.create({ data: { workingPartyId: wp.id, number: n, title: `Action plan ${start.slice(0, 4)}–${end.slice(0, 4)}`, startDate: start, endDate: end, adoptNextBy: adopt } });
      for (let i = 1; i <= 15; i++) {
        const a = await db.action.create({ data: { planId: plan.id, ord: i, code: `${n}.${i}`, title: `Action ${n}.${i}` } });
        const month = ((i * 5) % 18) + 1;
        const y = Number(start.slice(0, 4)) + Math.floor((month - 1) / 12);
        const m = ((Number(start.slice(5, 7)) - 1 + month - 1) % 12) + 1;
        const due = `${y}-${String(m).padStart(2, "0")}-28`;
        await db.deadline.create({ data: { planId: plan.id, actionId: a.id, text: due, precision: "day", dueDate: due } });
      }
    }
    const svgT: number[] = [];
    const pngT: number[] = [];
    const base: number[] = [];
    for (let r = 0; r < 7; r++) {
      let t = performance.now();
      const svg = renderTimelineSvg((await timelineData(rt.store.repos, "TRIO", TODAY))!);
      svgT.push(performance.now() - t);
      t = performance.now();
      rasterise(svg).asPng();
      pngT.push(performance.now() - t);
      const h = /height="(\d+)"/.exec(svg)![1];
      t = performance.now();
      rasterise(`<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="${h}"><rect width="1600" height="${h}" fill="#fff"/></svg>`).asPng();
      base.push(performance.now() - t);
    }
    yield { name: "timeline_3_plans_svg_ms", value: round(percentile(svgT, 50), 2), unit: "ms" };
    yield { name: "timeline_3_plans_png_ms", value: round(percentile(pngT, 50), 2), unit: "ms" };
    yield { name: "baseline_empty_png_same_size_ms", value: round(percentile(base, 50), 2), unit: "ms" };
    yield { name: "timeline_png_vs_empty_png_ratio", value: round(percentile(pngT, 50) / percentile(base, 50), 2), unit: "x" };
  } finally {
    await rt.close();
  }
}

/** The planning suite. */
export async function* planningBench(): AsyncGenerator<Figure> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-planning-"));
  try {
    yield* phrases();
    yield* timeline(`file:${path.join(dir, "timeline.db")}`);
    yield* deadlinesOn("sqlite", `file:${path.join(dir, "deadlines.db")}`);
    const base = process.env.BENCH_POSTGRES_URL || process.env.TEST_POSTGRES_URL;
    if (base) {
      const name = `bench_planning_${process.pid}`;
      const admin = new pg.Client({ connectionString: base });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
      const u = new URL(base);
      u.pathname = `/${name}`;
      try {
        yield* deadlinesOn("postgresql", u.toString());
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
