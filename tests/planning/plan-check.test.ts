/**
 * The importer warns about what is readable but probably a mistake, naming line and field, and
 * `--strict` refuses the whole file on any warning (issue 14, item 5). Before, an objective the
 * strategy does not have, a deadline a year before the plan and one three years after it were
 * imported without a word.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPlan } from "../../src/planning/plan-file/plan-check.ts";
import { parsePlanFile } from "../../src/planning/plan-file/plan-file.ts";
import { runCli } from "../support/cli.ts";
import { databaseKinds, tempDir } from "../support/databases.ts";
import { testRuntime, type TestRuntime } from "../support/runtime.ts";

/** A plan of CCWP from 1 January 2027 (so to 30 June 2028) implementing the 2012 strategy. */
const yamlPlan = (number: number, { objective = "IV 1.a", due = "June 2027", strategy = "2012-strategy" } = {}) =>
  [
    "workingParty: CCWP",
    `number: ${number}`,
    "title: Action plan 2027-2028",
    "start: 2027-01-01",
    ...(strategy ? [`strategy: ${strategy}`] : []),
    "actions:",
    `  - code: "${number}.1"`,
    "    title: Study",
    "    objectives:",
    `      - "${objective}"`,
    "    deadlines:",
    `      - { due: "${due}" }`,
    "",
  ].join("\n");

describe.each(databaseKinds)("plan warnings on %s", (kind) => {
  let rt: TestRuntime;
  let env: Record<string, string>;
  beforeAll(async () => {
    rt = await testRuntime(kind);
    env = { DATABASE_URL: rt.database.url };
  });
  afterAll(() => rt.dispose());
  const warningsOf = async (text: string, name = "plan.yaml") => {
    const r = parsePlanFile(text, name);
    if (!r.ok) throw new Error(r.errors.join());
    return (await checkPlan(rt.store.repos, r.plan, r.where)).warnings;
  };
  const file = (text: string, name = "plan.yaml") => {
    const f = path.join(tempDir(), name);
    fs.writeFileSync(f, text);
    return f;
  };

  it("has nothing to say about labels of the strategy and deadlines within the plan or months after it", async () => {
    expect(await warningsOf(yamlPlan(70))).toEqual([]);
    expect(await warningsOf(yamlPlan(70, { objective: "IV 3.a.(ii)", due: "Q4 2028" }))).toEqual([]);
    expect(await warningsOf(yamlPlan(70, { due: "2027-01-01" }))).toEqual([]);
  });

  it.each([
    [{ objective: "IV 9.z" }, 'line 10, actions[0].objectives[0]: objective "IV 9.z" is not a label of 2012-strategy'],
    [{ objective: "3.b" }, 'line 10, actions[0].objectives[0]: objective "3.b" is not a label of 2012-strategy; did you mean "IV 3.b"?'],
    [{ strategy: "" }, 'line 9, actions[0].objectives[0]: objective "IV 1.a" links to nothing: the plan names no strategy'],
    [{ strategy: "2013-strategy" }, 'line 5, strategy: there is no strategy document "2013-strategy", so no objective links to a passage; the documents are 1997-programme, 2009-resolution'],
    [{ due: "June 2026" }, 'line 12, actions[0].deadlines[0].due: "June 2026" falls due on 30 June 2026, before the plan starts (1 January 2027)'],
    [{ due: "June 2031" }, 'line 12, actions[0].deadlines[0].due: "June 2031" falls due on 30 June 2031, more than a year after the plan ends (30 June 2028)'],
    [{ due: "2029-07-01" }, "line 12, actions[0].deadlines[0].due: \"2029-07-01\" falls due on 1 July 2029, more than a year after the plan ends (30 June 2028)"],
  ])("warns about %j, naming the line and field", async (change, warning) => {
    const w = await warningsOf(yamlPlan(71, change));
    expect(w).toHaveLength(1);
    expect(w[0]).toContain(warning);
  });

  it("names the CSV line and column", async () => {
    const csv = [
      "workingParty,number,title,start,strategy,code,actionTitle,objectives,due",
      "CCWP,72,Plan,2027-01-01,2012-strategy,72.1,Study,IV 1.a;IV 9.z,June 2027",
      "CCWP,72,Plan,2027-01-01,2012-strategy,72.1,Study,IV 1.a;IV 9.z,December 2026",
      "",
    ].join("\n");
    expect(await warningsOf(csv, "plan.csv")).toEqual([
      'line 2, objectives: objective "IV 9.z" is not a label of 2012-strategy',
      'line 3, due: "December 2026" falls due on 31 December 2026, before the plan starts (1 January 2027)',
    ]);
  });

  it("the CLI imports a file with warnings, prints each with its line and field, and puts them in --json", async () => {
    const r = await runCli(["import", "plan", file(yamlPlan(73, { objective: "IV 9.z", due: "June 2026" }))], { env });
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toContain("Imported CCWP plan 73: 1 actions, 1 deadlines; 2027-01-01 to 2028-06-30, adopt the next plan by 2028-04-30, with 2 warnings (--strict refuses a file with any):\n");
    expect(r.stdout).toContain('  warning: line 10, actions[0].objectives[0]: objective "IV 9.z" is not a label of 2012-strategy\n');
    expect(r.stdout).toContain('  warning: line 12, actions[0].deadlines[0].due: "June 2026" falls due on 30 June 2026, before the plan starts');
    expect(await rt.store.db.actionPlan.count({ where: { number: 73 } })).toBe(1);
    const j = await runCli(["import", "plan", file(yamlPlan(73, { due: "June 2031" })), "--json"], { env });
    expect(JSON.parse(j.stdout)).toMatchObject({ number: 73, created: false, warnings: [expect.stringMatching(/^line 12, actions\[0\]\.deadlines\[0\]\.due: "June 2031" falls due/)] });
  });

  it("--strict refuses the whole file on any warning with one line and exit 2, and stores nothing", async () => {
    const audit = await rt.store.db.auditEntry.count();
    for (const change of [{ objective: "IV 9.z" }, { due: "June 2026" }, { due: "June 2031" }]) {
      const r = await runCli(["import", "plan", file(yamlPlan(74, change), "p74.yaml"), "--strict"], { env });
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/p74\.yaml: line 1[02], actions\[0\]\.(objectives|deadlines)\[0\].*strict import refuses a file with warnings, so nothing was imported/);
    }
    expect(await rt.store.db.actionPlan.count({ where: { number: 74 } })).toBe(0);
    expect(await rt.store.db.auditEntry.count()).toBe(audit);
    // A re-import under --strict leaves the stored plan as it was.
    const before = await rt.store.db.deadline.findFirstOrThrow({ where: { action: { code: "73.1" } } });
    expect((await runCli(["import", "plan", file(yamlPlan(73, { due: "June 2026" })), "--strict"], { env })).code).toBe(2);
    expect(await rt.store.db.deadline.findFirstOrThrow({ where: { action: { code: "73.1" } } })).toMatchObject({ id: before.id, dueDate: before.dueDate });
    const clean = await runCli(["import", "plan", file(yamlPlan(74)), "--strict"], { env });
    expect([clean.code, clean.stdout]).toEqual([0, expect.stringMatching(/^Imported CCWP plan 74: .*2028-04-30\.\n$/)]);
  });
});
