import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importPlan } from "../../src/planning/plan-file/import-plan.ts";
import { parsePlanFile } from "../../src/planning/plan-file/plan-file.ts";
import { databaseKinds, tempDir } from "../support/databases.ts";
import { testRuntime, type TestRuntime } from "../support/runtime.ts";
import { runCli } from "../support/cli.ts";

const YAML_PLAN = `workingParty: CCWP
number: 12
title: Action plan 2026-2027
start: 2026-01-01
strategy: 2012-strategy
actions:
  - code: "12.1"
    title: Joint training with other law enforcement authorities
    terms: { goals: "Train together", outcome: "A shared curriculum" }
    lead: { delegation: FR, user: fr-lead }
    participants: [DE, NL]
    objectives: ["IV 3.b", "IV 1.a"]
    deadlines:
      - { due: "June 2026", what: final report }
      - { due: "Q4 2026", what: evaluation }
  - code: "12.2"
    title: Container control study
    lead: { delegation: DE }
    deadlines:
      - { due: "under the Irish Presidency" }
`;

const CSV_PLAN = `workingParty,number,title,start,code,actionTitle,leadDelegation,participants,objectives,due,what
CCWP,13,Action plan 2027-2028,2027-07-01,13.1,Risk analysis network,NL,DE;FR,IV 2.a,December 2027,first report
CCWP,13,Action plan 2027-2028,2027-07-01,13.1,Risk analysis network,NL,DE;FR,IV 2.a,mid-2028,final report
CCWP,13,Action plan 2027-2028,2027-07-01,13.2,Exchange of officers,,,,,
`;

const parse = (text: string, name = "plan.yaml") => parsePlanFile(text, name);

describe("plan files", () => {
  it("reads the YAML format of DESIGN.md", () => {
    const r = parse(YAML_PLAN);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.plan.actions[0]).toMatchObject({ code: "12.1", lead: { delegation: "FR", user: "fr-lead" }, participants: ["DE", "NL"] });
  });

  it("reads CSV with one row per deadline", () => {
    const r = parse(CSV_PLAN, "plan.csv");
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.plan.actions).toHaveLength(2);
      expect(r.plan.actions[0]!.deadlines).toEqual([{ due: "December 2027", what: "first report" }, { due: "mid-2028", what: "final report" }]);
      expect(r.plan.actions[1]!.deadlines).toEqual([]);
    }
  });

  it.each([
    [YAML_PLAN.replace("title: Container control study", "title: Container control study\n    colour: blue"), /line 18, actions\[1\]: unknown key "colour"/],
    [YAML_PLAN.replace('{ due: "June 2026", what: final report }', '{ due: "sometime soonish", what: final report }'), /line 14, actions\[0\]\.deadlines\[0\]\.due: I cannot read "sometime soonish"/],
    [YAML_PLAN.replace("start: 2026-01-01", "start: 2026-02-30"), /line 4, start: a calendar day/],
    [YAML_PLAN.replace("number: 12\n", ""), /line 1, number: missing|number/],
    [YAML_PLAN.replace('code: "12.2"', 'code: "12.1"'), /actions\[1\]\.code: action code 12\.1 appears twice/],
    [YAML_PLAN.replace("delegation: DE", "delegation: Germany!"), /line 18, actions\[1\]\.lead\.delegation: "Germany!" is not a delegation/],
    ["workingParty: [unclosed", /^line 1: /],
  ])("refuses a bad YAML file with the line and field (%#)", (text, message) => {
    const r = parse(text as string);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join("\n")).toMatch(message as RegExp);
  });

  it.each([
    [CSV_PLAN.replace("what\n", "what,colour\n"), /line 1: unknown column "colour"/],
    [CSV_PLAN.replace("mid-2028", "whenever"), /line 3, due: I cannot read "whenever"/],
    [CSV_PLAN.replace("CCWP,13,Action plan 2027-2028,2027-07-01,13.2", "CCWP,14,Action plan 2027-2028,2027-07-01,13.2"), /line 4, number: "14" differs from line 2/],
    ["workingParty,number\nCCWP,1\n", /missing columns title, start, code, actionTitle/],
  ])("refuses a bad CSV file with the line and column (%#)", (text, message) => {
    const r = parse(text as string, "plan.csv");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join("\n")).toMatch(message as RegExp);
  });
});

describe.each(databaseKinds)("importing plans on %s", (kind) => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await testRuntime(kind);
  });
  afterAll(() => rt.dispose());
  const now = new Date("2026-11-23T10:00:00Z");

  it("stores a plan with computed end and adopt-by, resolving the lead user to a member on any platform by platform user id", async () => {
    const db = rt.store.db;
    const wp = await db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } });
    const member = await db.member.create({ data: { workingPartyId: wp.id, platform: "teams", platformUserId: "fr-lead", displayName: "Françoise Leroy", delegation: "FR" } });
    const r = parse(YAML_PLAN);
    if (!r.ok) throw new Error(r.errors.join());
    const s = await importPlan(db, r.plan, { actor: "cli", now });
    expect(s).toMatchObject({ created: true, start: "2026-01-01", end: "2027-06-30", adoptNextBy: "2027-04-30", actions: 2, deadlines: 3 });
    const a = await db.action.findFirstOrThrow({ where: { planId: s.planId, code: "12.1" }, include: { deadlines: { orderBy: { ord: "asc" } }, objectives: true } });
    expect(a).toMatchObject({ leadUser: "fr-lead", leadMemberId: member.id, leadDelegation: "FR", goals: "Train together", outcome: "A shared curriculum" });
    expect(a.deadlines.map((d) => [d.text, d.precision, d.dueDate, d.what])).toEqual([
      ["June 2026", "month", "2026-06-30", "final report"],
      ["Q4 2026", "quarter", "2026-12-31", "evaluation"],
    ]);
    expect(a.objectives.map((o) => `${o.documentSlug} ${o.label}`).sort()).toEqual(["2012-strategy IV 1.a", "2012-strategy IV 3.b"]);
    // "under the Irish Presidency" read against the plan's start (1 January 2026): July–December 2026
    const b = await db.deadline.findFirstOrThrow({ where: { action: { planId: s.planId, code: "12.2" } } });
    expect(b).toMatchObject({ precision: "period", dueDate: "2026-12-31" });
    expect(await db.auditEntry.count({ where: { action: "plan.import", subject: "CCWP plan 12" } })).toBe(1);
  });

  it("re-imports in place: updates actions, replaces deadlines, removes dropped actions, keeps reports", async () => {
    const db = rt.store.db;
    const plan = await db.actionPlan.findFirstOrThrow({ where: { number: 12 } });
    const a1 = await db.action.findFirstOrThrow({ where: { planId: plan.id, code: "12.1" } });
    const wp = await db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } });
    const collection = await db.collection.create({ data: { workingPartyId: wp.id, planId: plan.id, dueDate: "2026-12-01", startedBy: "console:chair" } });
    await db.progressReport.create({ data: { collectionId: collection.id, actionId: a1.id, status: "on_track", summary: "going well" } });
    const changed = YAML_PLAN.replace("Joint training with other law enforcement authorities", "Joint training (revised)")
      .replace('{ due: "Q4 2026", what: evaluation }', '{ due: "H1 2027", what: evaluation }')
      .replace(/  - code: "12.2"[\s\S]*$/, "");
    const r = parse(changed);
    if (!r.ok) throw new Error(r.errors.join());
    const s = await importPlan(db, r.plan, { actor: "cli", now });
    expect(s).toMatchObject({ created: false, planId: plan.id, actions: 1, deadlines: 2, removedActions: 1 });
    const again = await db.action.findFirstOrThrow({ where: { planId: plan.id, code: "12.1" }, include: { deadlines: { orderBy: { ord: "asc" } }, reports: true } });
    expect(again.id).toBe(a1.id);
    expect(again.title).toBe("Joint training (revised)");
    expect(again.deadlines.map((d) => d.dueDate)).toEqual(["2026-06-30", "2027-06-30"]);
    expect(again.reports).toMatchObject([{ summary: "going well" }]);
    expect(await db.action.count({ where: { planId: plan.id } })).toBe(1);
    expect(await db.deadline.count({ where: { planId: plan.id, actionId: null } })).toBe(1);
  });

  it("refuses a plan for an unknown working party and stores nothing", async () => {
    const db = rt.store.db;
    const before = await db.actionPlan.count();
    const r = parse(YAML_PLAN.replace("workingParty: CCWP", "workingParty: NOPE"));
    if (!r.ok) throw new Error(r.errors.join());
    await expect(importPlan(db, r.plan, { actor: "cli", now })).rejects.toThrow(/no working party NOPE/);
    expect(await db.actionPlan.count()).toBe(before);
  });

  it("reads a strategy that is another working party's own document as a missing one: a warning, no link, its labels unseen; --strict refuses", async () => {
    const db = rt.store.db;
    const lewp = await db.workingParty.create({ data: { code: "LEWPX", name: "Another working party" } });
    await db.strategyDocument.create({
      data: { slug: "lewpx-own", title: "LEWPX's own", kind: "strategy", sourceName: "own.md", sha256: "x", access: { create: [{ workingPartyId: lewp.id }] }, passages: { create: [{ ord: 0, label: "IV 3.b", text: "LEWPX only" }] } },
    });
    const file = (wp: string, number: number) => {
      const r = parse(YAML_PLAN.replace("workingParty: CCWP", `workingParty: ${wp}`).replace("number: 12", `number: ${number}`).replace("strategy: 2012-strategy", "strategy: lewpx-own"));
      if (!r.ok) throw new Error(r.errors.join());
      return r.plan;
    };
    const before = await db.actionPlan.count();
    await expect(importPlan(db, file("CCWP", 31), { actor: "cli", now }, { strict: true })).rejects.toThrow(/there is no strategy document "lewpx-own"/);
    expect(await db.actionPlan.count()).toBe(before);
    const s = await importPlan(db, file("CCWP", 31), { actor: "cli", now });
    const missing = s.warnings.find((w) => w.includes("strategy"))!;
    expect(missing).toMatch(/there is no strategy document "lewpx-own", so no objective links to a passage; the documents are 1997-programme, .*2023-resolution$/);
    expect(missing).not.toContain("lewpx-own,");
    // LEWPX's document has IV 3.b and not IV 1.a: CCWP is told neither
    expect(s.warnings.join(" ")).not.toMatch(/is not a label of|did you mean/);
    expect((await db.actionPlan.findUniqueOrThrow({ where: { id: s.planId } })).strategyId).toBeNull();
    // LEWPX's own plan implements it, without a warning about it.
    const own = await importPlan(db, file("LEWPX", 31), { actor: "cli", now });
    expect(own.warnings.filter((w) => w.includes("strategy document"))).toEqual([]);
    expect((await db.actionPlan.findUniqueOrThrow({ where: { id: own.planId } })).strategyId).not.toBeNull();
  });

  it("imports CSV through the CLI, and refuses a bad file with one line, exit 2 and nothing stored", async () => {
    const dir = tempDir();
    const good = path.join(dir, "plan.csv");
    const bad = path.join(dir, "bad.yaml");
    fs.writeFileSync(good, CSV_PLAN);
    fs.writeFileSync(bad, YAML_PLAN.replace("number: 12", "number: 77").replace('"Q4 2026"', '"next-ish"'));
    const env = { DATABASE_URL: rt.database.url };
    const ok = await runCli(["import", "plan", good, "--json"], { env });
    expect(ok.stderr).toBe("");
    expect(JSON.parse(ok.stdout)).toMatchObject({ workingParty: "CCWP", number: 13, actions: 2, deadlines: 2, end: "2028-12-31", adoptNextBy: "2028-10-31" });
    const no = await runCli(["import", "plan", bad], { env });
    expect(no.code).toBe(2);
    expect(no.stderr.trim().split("\n")).toHaveLength(1);
    expect(no.stderr).toMatch(/bad\.yaml: line 15, actions\[0\]\.deadlines\[1\]\.due: I cannot read "next-ish".*nothing was imported/);
    expect(await rt.store.db.actionPlan.count({ where: { number: 77 } })).toBe(0);
  });
});

describe.each(databaseKinds)("presidency deadlines in imported plans on %s", (kind) => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await testRuntime(kind);
  });
  afterAll(() => rt.dispose());
  const plan = (number: number, start: string, due: string) =>
    `workingParty: CCWP\nnumber: ${number}\ntitle: Action plan\nstart: ${start}\nactions:\n  - code: "${number}.1"\n    title: Study\n    deadlines:\n      - { due: "${due}" }\n`;

  it("reads 'under the Italian Presidency' in a plan starting 2028 as January-June 2028, not 2014", async () => {
    const r = parse(plan(28, "2028-01-01", "under the Italian Presidency"));
    if (!r.ok) throw new Error(r.errors.join());
    const s = await importPlan(rt.store, r.plan, { actor: "cli", now: new Date("2027-11-01T10:00:00Z") });
    expect(await rt.store.db.deadline.findFirstOrThrow({ where: { action: { planId: s.planId } } })).toMatchObject({ precision: "period", dueDate: "2028-06-30" });
  });

  it("refuses a presidency the list cannot place, naming the line and field, and stores nothing", async () => {
    const file = path.join(tempDir(), "plan31.yaml");
    fs.writeFileSync(file, plan(31, "2031-01-01", "under the Italian Presidency"));
    const r = await runCli(["import", "plan", file], { env: { DATABASE_URL: rt.database.url } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/plan31\.yaml: line 9, actions\[0\]\.deadlines\[0\]\.due: .*cannot place the Italian Presidency/);
    expect(await rt.store.db.actionPlan.count({ where: { number: 31 } })).toBe(0);
  });
});
