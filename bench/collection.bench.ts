/**
 * Progress-report collection on a plan of 100 actions (80 reported), on a fresh SQLite file:
 * compiling the .docx and Markdown (load, lay out, pack, write; goal ≤ 500 ms) and the status
 * (load and count; goal ≤ 20 ms). Baseline in the same run: the plain Prisma query that loads the
 * same rows, which is the least any implementation must pay, and (for compile) packing a
 * one-paragraph document with the same library, its fixed cost.
 */
import { Document, Packer, Paragraph } from "docx";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { compileCollection } from "../src/collection/compile/index.ts";
import { loadSnapshot } from "../src/collection/snapshot.ts";
import { collectionStatus } from "../src/collection/status.ts";
import { loadConfig } from "../src/config/index.ts";
import { createLogger } from "../src/log/logger.ts";
import { openRuntime } from "../src/runtime/open-runtime.ts";
import type { Db } from "../src/store/index.ts";
import { percentile, round, type Figure } from "./support/measure.ts";

const NOW = new Date("2026-12-16T10:00:00Z");

async function seed(db: Db, actions: number): Promise<number> {
  const wp = await db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } });
  await db.strategyDocument.create({
    data: {
      slug: "bench-strategy",
      title: "Strategy for the future of customs law enforcement cooperation",
      sourceName: "bench",
      sha256: "0",
      passages: { create: Array.from({ length: 10 }, (_, i) => ({ ord: i, label: `IV ${i + 1}.a`, text: `Objective ${i + 1}: improve cooperation on topic ${i + 1}. More text follows here.` })) },
    },
  });
  const delegations = ["FR", "DE", "NL", "IT", "ES", "PL", "BE", "AT", "SE", "PT"];
  for (const [i, d] of delegations.entries()) {
    await db.member.create({ data: { workingPartyId: wp.id, platform: i % 2 ? "slack" : "teams", platformUserId: `u-${d}`, displayName: `Lead ${d}`, delegation: d } });
  }
  const plan = await db.actionPlan.create({ data: { workingPartyId: wp.id, number: 99, title: "Action plan 2026-2027", startDate: "2026-01-01", endDate: "2027-06-30", adoptNextBy: "2027-04-30" } });
  const c = await db.collection.create({ data: { workingPartyId: wp.id, planId: plan.id, dueDate: "2026-12-15", startedBy: "bench", startedAt: new Date("2026-11-20T10:00:00Z") } });
  for (let i = 0; i < actions; i++) {
    const a = await db.action.create({
      data: {
        planId: plan.id,
        ord: i,
        code: `99.${i + 1}`,
        title: `Action number ${i + 1} on joint customs operations and training`,
        leadDelegation: delegations[i % delegations.length]!,
        objectives: { create: [{ documentSlug: "bench-strategy", label: `IV ${(i % 10) + 1}.a` }] },
      },
    });
    await db.collectionItem.create({ data: { collectionId: c.id, actionId: a.id } });
    if (i % 5 !== 4) {
      const r = await db.progressReport.create({
        data: {
          collectionId: c.id,
          actionId: a.id,
          status: ["on_track", "delayed", "completed", "not_started"][i % 4]!,
          summary: "Two joint training sessions were held, attended by officers from fourteen Member States. ".repeat(3),
          nextSteps: "A third session is planned for March.",
          risks: i % 3 ? null : "Travel budgets are limited.",
          submittedAt: NOW,
        },
      });
      await db.reportVersion.create({ data: { reportId: r.id, version: 1, status: r.status, summary: r.summary, submittedBy: "bench" } });
    }
  }
  return c.id;
}

async function time(runs: number, work: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 3; i++) await work(); // warm-up: prepared statements, JIT
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work();
    out.push(performance.now() - t);
  }
  return out;
}

export async function* collectionBench(actions = 100): AsyncGenerator<Figure> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-collection-"));
  const rt = await openRuntime(loadConfig({ DATABASE_URL: `file:${path.join(dir, "bench.db")}` }), createLogger("silent"));
  try {
    const id = await seed(rt.store.db, actions);
    const db = rt.store.db;
    const plainLoad = () =>
      db.collection.findUnique({ where: { id }, include: { plan: true, workingParty: true, items: { include: { action: { include: { objectives: true } } } }, reports: true } });

    const compile = await time(20, () => compileCollection(rt.store, id, NOW, path.join(dir, "out")));
    const compileBase = await time(20, plainLoad);
    const c50 = percentile(compile, 50);
    const cb50 = percentile(compileBase, 50);
    yield { name: `collection_compile_docx_${actions}_actions_p50_ms`, value: round(c50, 1), unit: "ms" };
    yield { name: `collection_compile_docx_${actions}_actions_max_ms`, value: round(Math.max(...compile), 1), unit: "ms" };
    yield { name: `baseline_prisma_load_${actions}_actions_p50_ms`, value: round(cb50, 2), unit: "ms" };
    yield { name: "collection_compile_vs_prisma_load_ratio", value: round(c50 / cb50, 1), unit: "x" };
    // The docx library's fixed cost: packing a one-paragraph document.
    const minimal = await time(20, () => Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph("Progress report")] }] })));
    const m50 = percentile(minimal, 50);
    yield { name: "baseline_docx_one_paragraph_p50_ms", value: round(m50, 1), unit: "ms" };
    yield { name: "collection_compile_vs_one_paragraph_docx_ratio", value: round(c50 / m50, 1), unit: "x" };

    const status = await time(50, async () => collectionStatus(await loadSnapshot(rt.store.repos, id), NOW));
    const statusBase = await time(50, plainLoad);
    const s50 = percentile(status, 50);
    const sb50 = percentile(statusBase, 50);
    yield { name: `collection_status_${actions}_actions_p50_ms`, value: round(s50, 2), unit: "ms" };
    yield { name: `collection_status_${actions}_actions_p95_ms`, value: round(percentile(status, 95), 2), unit: "ms" };
    yield { name: `baseline_prisma_load_status_rows_p50_ms`, value: round(sb50, 2), unit: "ms" };
    yield { name: "collection_status_vs_prisma_load_ratio", value: round(s50 / sb50, 2), unit: "x" };
  } finally {
    await rt.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
