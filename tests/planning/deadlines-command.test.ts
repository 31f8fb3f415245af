import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyToPlainText } from "../../src/core/reply.ts";
import { importPlan } from "../../src/planning/plan-file/import-plan.ts";
import { parsePlanFile } from "../../src/planning/plan-file/plan-file.ts";
import { databaseKinds } from "../support/databases.ts";
import { consoleText, testRuntime, type TestRuntime } from "../support/runtime.ts";

const NOW = new Date("2026-11-23T10:00:00Z"); // a Monday

describe.each(databaseKinds)("deadlines in natural words on %s", (kind) => {
  let rt: TestRuntime;
  const say = async (text: string, at = NOW) => {
    const r = await rt.bot.handle(consoleText(text, "dora", {}, at));
    return { reply: r.replies[0]!, text: r.replies.map(replyToPlainText).join("\n") };
  };
  beforeAll(async () => {
    rt = await testRuntime(kind);
    const p = parsePlanFile(
      `workingParty: CCWP
number: 12
title: Action plan 2026-2027
start: 2026-01-01
actions:
  - code: "12.1"
    title: Joint training with other law enforcement authorities
    deadlines:
      - { due: "November 2026", what: curriculum }
      - { due: "June 2026" }
  - code: "12.2"
    title: Risk analysis network
    deadlines:
      - { due: "Q1 2027" }
`,
      "p.yaml",
    );
    if (!p.ok) throw new Error(p.errors.join());
    await importPlan(rt.store, p.plan, { actor: "test", now: NOW });
  });
  afterAll(() => rt.dispose());

  it("lists this week's and next week's deadlines, Monday to Sunday", async () => {
    const none = await say("deadlines this week");
    expect(none.text).toBe("Nothing is due in CCWP this week (23 November 2026 – 29 November 2026).");
    const next = await say("deadlines next week");
    expect(next.text).toMatch(/^DUE NEXT WEEK IN CCWP \(30 NOVEMBER 2026 – 6 DECEMBER 2026\)\n○ 30 November 2026 · action 12\.1 \(plan 12\)/);
    expect(next.text).not.toMatch(/12\.2/);
  });

  it("lists the deadlines in a named month, with or without its year", async () => {
    for (const typed of ["deadlines in march 2027", "deadlines in March", "what is due in Q1 2027"]) {
      const r = await say(typed);
      expect(r.text).toMatch(/action 12\.2 \(plan 12\) · "Q1 2027" — Risk analysis network/);
      expect(r.text).not.toMatch(/12\.1/);
    }
  });

  it("lists one plan's deadlines, and says plainly when there is no such plan", async () => {
    const plan = await say("deadlines plan 12");
    expect(plan.text).toMatch(/^DEADLINES OF CCWP PLAN 12\n/);
    expect(plan.text).toMatch(/action 12\.1[\s\S]*action 12\.2/);
    const missing = await say("deadlines plan 99");
    expect(missing.reply.tone).toBe("error");
    expect(missing.text).toBe("CCWP has no plan 99; its plans are 1, 12.");
  });

  it("takes overdue, what is overdue and overdue deadlines alike, and upcoming deadlines as deadlines", async () => {
    const overdue = (await say("what is overdue")).text;
    expect(overdue).toMatch(/^OVERDUE IN CCWP/);
    expect((await say("overdue")).text).toBe(overdue);
    expect((await say("overdue deadlines")).text).toBe(overdue);
    const upcoming = (await say("deadlines")).text;
    expect(upcoming).toMatch(/^COMING UP IN CCWP/);
    expect((await say("upcoming deadlines")).text).toBe(upcoming);
  });

  it("refuses a period it cannot read, with how to name one", async () => {
    const r = await say("deadlines in the 2012 strategy");
    expect(r.reply.tone).toBe("error");
    expect(r.text).toMatch(/^I cannot read “the 2012 strategy” as a period\. Name a day, month, quarter, half or year, e\.g\. deadlines in March 2027/);
  });
});
