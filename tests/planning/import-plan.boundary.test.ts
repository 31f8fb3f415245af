import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importPlan } from "../../src/planning/plan-file/import-plan.ts";
import { parsePlanFile } from "../../src/planning/plan-file/plan-file.ts";
import type { Db } from "../../src/store/index.ts";
import { databaseKinds } from "../support/databases.ts";
import { testRuntime, type TestRuntime } from "../support/runtime.ts";

/** A plan of `actions` actions with `deadlines` deadlines and two objectives each. */
function bigPlan(number: number, actions: number, deadlines: number, title = "Study"): string {
  const lines = [`workingParty: CCWP`, `number: ${number}`, `title: Big plan`, `start: 2026-01-01`, `actions:`];
  for (let a = 1; a <= actions; a++) {
    lines.push(`  - code: "${number}.${a}"`, `    title: ${title} ${a}`, `    lead: { delegation: FR }`, `    objectives: ["IV 1.a", "IV 2.b"]`, `    deadlines:`);
    for (let d = 1; d <= deadlines; d++) lines.push(`      - { due: "${2026 + (d % 2)}-${String(1 + (d % 12)).padStart(2, "0")}-${String(1 + (a % 28)).padStart(2, "0")}", what: step ${d} }`);
  }
  return `${lines.join("\n")}\n`;
}

/** The store's client, counting every database operation the importer asks for. */
function counting(db: Db): { db: Db; count: () => number } {
  let n = 0;
  const ext = db.$extends({ query: { $allOperations: ({ args, query }) => (n++, query(args)) } });
  return { db: ext as unknown as Db, count: () => n };
}

describe.each(databaseKinds)("importing a plan at the file's limits on %s", (kind) => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await testRuntime(kind);
  });
  afterAll(() => rt.dispose());
  const now = new Date("2026-11-23T10:00:00Z");
  const parse = (text: string) => {
    const r = parsePlanFile(text, "big.yaml");
    if (!r.ok) throw new Error(r.errors.join("\n"));
    return r.plan;
  };

  // 2,000 actions × 50 deadlines took 4 minutes row by row and held SQLite's write lock meanwhile
  // (issue 13 item 10): the writes go in batches, so their number does not grow with the plan.
  it("writes a plan of 300 actions × 10 deadlines in a few dozen batched statements, not thousands", async () => {
    const c = counting(rt.store.db);
    const s = await importPlan(c.db, parse(bigPlan(40, 300, 10)), { actor: "cli", now });
    expect(s).toMatchObject({ created: true, actions: 300, deadlines: 3000 });
    expect(c.count()).toBeLessThan(40);
    expect(await rt.store.db.deadline.count({ where: { planId: s.planId, actionId: { not: null } } })).toBe(3000);
    expect(await rt.store.db.actionObjective.count({ where: { action: { planId: s.planId } } })).toBe(600);
  });

  it("re-imports the unchanged plan in a few statements, and a renamed one in one update per changed action", async () => {
    const plan = await rt.store.db.actionPlan.findFirstOrThrow({ where: { number: 40 } });
    const rows = () => rt.store.db.deadline.findMany({ where: { planId: plan.id }, orderBy: { id: "asc" }, select: { id: true, dueDate: true, what: true } });
    const before = await rows();
    const same = counting(rt.store.db);
    expect(await importPlan(same.db, parse(bigPlan(40, 300, 10)), { actor: "cli", now })).toMatchObject({ created: false, actions: 300, deadlines: 3000, removedActions: 0 });
    expect(same.count()).toBeLessThan(40);
    const renamed = counting(rt.store.db);
    await importPlan(renamed.db, parse(bigPlan(40, 300, 10, "Revised study")), { actor: "cli", now });
    expect(renamed.count()).toBeLessThan(300 + 40);
    expect(await rows()).toEqual(before);
    expect(await rt.store.db.action.count({ where: { planId: plan.id, title: { startsWith: "Revised study" } } })).toBe(300);
  });

  it("keeps the other actions' rows when a re-import drops one action and moves one deadline", async () => {
    const plan = await rt.store.db.actionPlan.findFirstOrThrow({ where: { number: 40 } });
    const kept = await rt.store.db.action.findFirstOrThrow({ where: { planId: plan.id, code: "40.2" }, include: { deadlines: { orderBy: { ord: "asc" } } } });
    const text = bigPlan(40, 300, 10, "Revised study")
      .replace(/  - code: "40\.1"\n[\s\S]*?(?=  - code: "40\.2")/, "")
      .replace(/(code: "40\.2"[\s\S]*?)- \{ due: "[^"]+", what: step 1 \}/, '$1- { due: "2028-03-01", what: step 1 }');
    const s = await importPlan(rt.store, parse(text), { actor: "cli", now });
    expect(s).toMatchObject({ actions: 299, removedActions: 1 });
    const again = await rt.store.db.action.findFirstOrThrow({ where: { planId: plan.id, code: "40.2" }, include: { deadlines: { orderBy: { ord: "asc" } } } });
    expect(again.deadlines.map((d) => d.id)).toEqual(kept.deadlines.map((d) => d.id));
    expect(again.deadlines[0]).toMatchObject({ dueDate: "2028-03-01", what: "step 1" });
    expect(await rt.store.db.action.count({ where: { planId: plan.id, code: "40.1" } })).toBe(0);
  });
});
