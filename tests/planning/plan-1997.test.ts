import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readTimetable1997, timetablePeriod, timetablePlan, timetableRows } from "../../src/planning/plan-file/timetable-1997.ts";
import { databaseKinds } from "../support/databases.ts";
import { testRuntime, type TestRuntime } from "../support/runtime.ts";

describe("the 1997 TIMETABLE, read from the document", () => {
  const rows = timetableRows(readTimetable1997());

  it("has 43 numbered actions, in order, 27 of them with a deadline", () => {
    expect(rows.map((r) => r.code)).toEqual(Array.from({ length: 43 }, (_, i) => String(i + 1)));
    expect(rows.filter((r) => r.deadline)).toHaveLength(27);
  });

  it("files each action under its section heading, without the export's markup", () => {
    const byCode = new Map(rows.map((r) => [r.code, r]));
    expect(byCode.get("1")!.section).toBe("RISK ANALYSIS – GUIDELINES");
    expect(byCode.get("8")!.section).toBe("RISK ANALYSIS – THREAT ASSESSMENTS");
    expect(byCode.get("25")!.section).toBe("COOPERATION BETWEEN CUSTOMS ADMINISTRATIONS – LEGAL BASE");
    expect(byCode.get("43")!.section).toBe("RELATIONS WITH THIRD COUNTRIES");
    expect(byCode.get("25")!.deadline).toBe("Conclude discussion by end 1997.");
    expect(byCode.get("27")!.text).toMatch(/^In 1997, the Member States shall participate in: - an air traffic/);
    for (const r of rows) expect(r.text + (r.deadline ?? "") + r.section).not.toMatch(/<|>|\t/);
    expect(new Set(rows.map((r) => r.section)).size).toBe(15);
  });

  it("takes the plan's dates from the text: July 1997 to December 1998", () => {
    expect(timetablePeriod(readTimetable1997())).toEqual({ start: "1997-07-01", end: "1998-12-31" });
    const plan = timetablePlan(readTimetable1997());
    expect(plan).toMatchObject({ workingParty: "CCWP", number: 1, start: "1997-07-01", end: "1998-12-31" });
  });
});

describe.each(databaseKinds)("the bundled 1997 plan on %s", (kind) => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await testRuntime(kind);
  });
  afterAll(() => rt.dispose());

  it("is seeded as CCWP plan 1 with 43 actions, 27 dated deadlines and the adopt-by row", async () => {
    const db = rt.store.db;
    const plan = await db.actionPlan.findFirstOrThrow({ where: { number: 1, workingParty: { code: "CCWP" } } });
    expect(plan).toMatchObject({ startDate: "1997-07-01", endDate: "1998-12-31", adoptNextBy: "1998-10-31" });
    expect(await db.action.count({ where: { planId: plan.id } })).toBe(43);
    const deadlines = await db.deadline.findMany({ where: { planId: plan.id, actionId: { not: null } } });
    expect(deadlines).toHaveLength(27);
    expect(new Set(deadlines.map((d) => d.actionId)).size).toBe(27);
    expect(await db.deadline.findMany({ where: { planId: plan.id, actionId: null } })).toMatchObject([{ precision: "day", dueDate: "1998-10-31" }]);
    const a22 = await db.action.findFirstOrThrow({ where: { planId: plan.id, code: "22" }, include: { deadlines: true, objectives: true } });
    expect(a22.section).toBe("Customs controls");
    expect(a22.deadlines).toMatchObject([{ text: "December 1998", precision: "month", dueDate: "1998-12-31" }]);
    expect(a22.objectives.map((o) => o.label)).toEqual(["TIMETABLE 22"]);
    const a41 = await db.action.findFirstOrThrow({ where: { planId: plan.id, code: "41" }, include: { deadlines: true } });
    expect(a41.deadlines).toMatchObject([{ text: "Early 1998", precision: "period", dueDate: "1998-03-31" }]);
  });
});
