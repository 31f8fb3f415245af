/**
 * The console's overview writes a day one way, "20 December 2026" (issue 14 item 17): the column
 * of the plan's words showed "2026-12-20" beside it for a deadline typed as a date and for the
 * adopt-by day, which the plan never worded. Words that say more than the day are kept.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importPlan } from "../../../src/planning/plan-file/import-plan.ts";
import { parsePlanFile } from "../../../src/planning/plan-file/plan-file.ts";
import { Visitor } from "../../support/visitor.ts";
import { startConsole, type ConsoleServer } from "../../support/web-console.ts";

let c: ConsoleServer;

beforeAll(async () => {
  c = await startConsole();
  const db = c.rt.store.db;
  const ccwp = await db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } });
  await db.member.create({ data: { workingPartyId: ccwp.id, platform: "slack", platformUserId: "U0SEC", displayName: "Sec", role: "secretariat" } });
  // as the importer stores it: the adopt-by day (31 October 2026, overdue) with the day as its words
  const actions = [["12.1", "2026-12-20"], ["12.2", "By end November 2026"], ["12.3", "2026-11-20"]];
  const p = parsePlanFile(
    `workingParty: CCWP\nnumber: 12\ntitle: Plan 12\nstart: 2025-07-01\nactions:\n${actions.map(([code, due]) => `  - code: "${code}"\n    title: Action ${code}\n    lead: { delegation: FR }\n    deadlines:\n      - { due: "${due}" }\n`).join("")}`,
    "p.yaml",
  );
  if (!p.ok) throw new Error(p.errors.join());
  await importPlan(db, p.plan, { actor: "test", now: c.clock.now });
}, 120_000);
afterAll(async () => c?.close());

describe("the console overview", () => {
  it("writes each deadline's day once, in long form, with the plan's words only when they say more", async () => {
    const v = new Visitor(c.base);
    await v.signIn(await c.link("slack", "U0SEC"));
    const page = await v.request("/console/wp/CCWP/");
    expect(page.status).toBe(200);
    const tables = [...page.text.matchAll(/<tbody>[\s\S]*?<\/tbody>/g)].map((m) => m[0]).join("\n");
    // each row as its cells' text: due, the plan's words, plan, action, lead, status
    const rows = [...tables.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((td) => td[1]!.replace(/<[^>]+>/g, "").trim()));
    const row = (what: string) => rows.find((r) => r[3]!.includes(what) || r[1]!.includes(what))!;
    expect(row("12.1")).toEqual(["20 December 2026", "", "12", "12.1 Action 12.1", "FR", "open"]);
    expect(row("12.2").slice(0, 2)).toEqual(["30 November 2026", "By end November 2026"]);
    expect(row("12.3").slice(0, 2)).toEqual(["20 November 2026", ""]);
    expect(row("Adopt the next").slice(0, 2)).toEqual(["31 October 2026", "adopt the next action plan"]);
    expect(tables).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
  });
});
