import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyToPlainText } from "../../src/core/reply.ts";
import { importPlan } from "../../src/planning/plan-file/import-plan.ts";
import { parsePlanFile } from "../../src/planning/plan-file/plan-file.ts";
import { databaseKinds } from "../support/databases.ts";
import { consoleText, testRuntime, type TestRuntime } from "../support/runtime.ts";

const NOW = new Date("2026-11-23T10:00:00Z");

describe.each(databaseKinds)("planning in chat on %s", (kind) => {
  let rt: TestRuntime;
  const say = async (text: string, user = "dora", claims: { role?: "delegate" | "chair" | "secretariat"; delegation?: string } = {}, at = NOW) => {
    const r = await rt.bot.handle(consoleText(text, user, claims, at));
    return { reply: r.replies[0]!, text: r.replies.map(replyToPlainText).join("\n") };
  };
  beforeAll(async () => {
    rt = await testRuntime(kind, { PUBLIC_URL: "https://bot.example.eu" });
    const yaml = `workingParty: CCWP
number: 12
title: Action plan 2026-2027
start: 2026-01-01
strategy: 2012-strategy
actions:
  - code: "12.1"
    title: Joint training with other law enforcement authorities
    lead: { delegation: FR }
    objectives: ["IV 3.b"]
    deadlines:
      - { due: "November 2026", what: curriculum }
      - { due: "June 2026" }
  - code: "12.2"
    title: Risk analysis network
    lead: { delegation: DE }
    objectives: ["IV 3.b.(ii)", "IV 1.a"]
    deadlines:
      - { due: "Q1 2027" }
`;
    const p = parsePlanFile(yaml, "p.yaml");
    if (!p.ok) throw new Error(p.errors.join());
    await importPlan(rt.store, p.plan, { actor: "test", now: NOW });
  });
  afterAll(() => rt.dispose());

  it("lists what is due this month and what is overdue", async () => {
    const month = await say("what is due this month");
    expect(month.text).toMatch(/30 November 2026 · action 12\.1 \(plan 12\) · "November 2026" — Joint training/);
    expect(month.text).not.toMatch(/12\.2/);
    const overdue = await say("what is overdue");
    expect(overdue.text).toMatch(/30 June 2026 · action 12\.1/);
    expect(overdue.text).toMatch(/^OVERDUE IN CCWP \(AS OF 23 NOVEMBER 2026\), LATEST FIRST\n⚠ 30 June 2026 · action 12\.1/);
    expect(overdue.text).toMatch(/…and 13 more/); // 27 of 1997 and 12.1; plan 1's adopt-by is done (plan 12 exists)
    expect(overdue.text).not.toMatch(/action 12\.2/);
    const all = await say("deadlines");
    expect(all.text).toMatch(/COMING UP IN CCWP[\s\S]*12\.1[\s\S]*12\.2/);
    expect(all.text).toMatch(/are overdue: type what is overdue/);
  });

  it("uses the working party's day: 23:30 UTC on 30 November is already December in Brussels", async () => {
    const r = await say("what is due this month", "dora", {}, new Date("2026-11-30T23:30:00Z"));
    expect(r.text).toMatch(/Nothing is due in CCWP this month \(1 December 2026/);
  });

  it("lists my deadlines by my delegation", async () => {
    const fr = await say("my deadlines", "francois", { delegation: "FR" });
    expect(fr.text).toMatch(/action 12\.1/);
    expect(fr.text).not.toMatch(/action 12\.2/);
    const none = await say("my deadlines", "nobody");
    expect(none.text).toMatch(/No open deadline.*No delegation is set for you/s);
  });

  it("shows the current plan and when the next must be adopted", async () => {
    const r = await say("when must the next plan be adopted?");
    expect(r.text).toMatch(/CCWP PLAN 12: ACTION PLAN 2026-2027/);
    expect(r.text).toMatch(/Adopt the next plan by: 30 April 2027/);
    expect(r.text).toMatch(/The next plan must be adopted by 30 April 2027 \(in 158 days\)/);
    const late = await say("current plan", "dora", {}, new Date("2027-05-10T09:00:00Z"));
    expect(late.text).toMatch(/the next plan should have been adopted by 30 April 2027 \(10 days ago\)/i);
  });

  it("answers which actions implement an objective, and shows an action with its objectives", async () => {
    const r = await say("which actions implement objective 3.b of the 2012 strategy?");
    expect(r.text).toMatch(/Action 12\.1 \(plan 12\) — Joint training.*\[IV 3\.b\]/);
    expect(r.text).toMatch(/Action 12\.2 \(plan 12\) — Risk analysis network.*\[IV 3\.b\.\(ii\)\]/);
    const none = await say("which actions implement objective 2.c of the 2012 strategy?");
    expect(none.text).toMatch(/No action of CCWP is linked to objective 2\.c/);
    const a = await say("action 22");
    expect(a.text).toMatch(/ACTION 22 \(PLAN 1 · CUSTOMS CONTROLS\)/);
    expect(a.text).toMatch(/Objectives: TIMETABLE 22/);
    expect(a.text).toMatch(/"December 1998"/);
    expect(a.reply.blocks.some((b) => b.type === "buttons" && b.buttons[0]!.command === "plan.done")).toBe(true);
    expect((await say("action 99")).text).toMatch(/CCWP has no action 99/);
  });

  it("lets the lead's delegation or the secretariat mark an action done, audited; refuses others", async () => {
    const de = await say("done 12.1", "dieter", { delegation: "DE" });
    expect(de.reply.tone).toBe("error");
    expect(de.text).toMatch(/Only the secretariat or the lead of action 12\.1 \(FR\)/);
    expect(await rt.store.db.auditEntry.count({ where: { action: "permission.refused", actor: "console:dieter" } })).toBe(1);
    // The button is the same command as typing it.
    const pressed = await rt.bot.handle({ ...consoleText("", "francois", { delegation: "FR" }, NOW), kind: "action", command: "plan.done", args: { code: "12.1", plan: 12, text: "done 12.1" } });
    expect(replyToPlainText(pressed.replies[0]!)).toMatch(/Action 12\.1 \(plan 12\) is marked done/);
    expect(await rt.store.db.auditEntry.count({ where: { action: "action.done", actor: "console:francois" } })).toBe(1);
    const overdue = await say("what is overdue");
    expect(overdue.text).not.toMatch(/action 12\.1/);
    const sec = await say("done 22", "sam", { role: "secretariat" });
    expect(sec.text).toMatch(/Action 22 \(plan 1\) is marked done/);
  });

  it("gives the calendar feed URL, a timeline file and the presidency", async () => {
    const cal = await say("calendar");
    expect(cal.text).toMatch(/Feed: https:\/\/bot\.example\.eu\/calendar\/[A-Za-z0-9_-]{32}\.ics/);
    expect((await say("calendar FR")).text).toMatch(/actions of CCWP led by FR/);
    const t = await say("timeline");
    const file = t.reply.blocks.find((b) => b.type === "file");
    expect(file && file.type === "file" && file.file.mediaType).toBe("image/png");
    if (file?.type === "file") expect(fs.readFileSync(file.file.path).subarray(1, 4).toString("latin1")).toBe("PNG");
    const p = await say("presidency");
    expect(p.text).toMatch(/THE IRISH PRESIDENCY \(IRELAND\), 1 JULY 2026 – 31 DECEMBER 2026/);
    expect(p.text).toMatch(/Trio: Ireland, Lithuania, Greece/);
    expect(p.text).toMatch(/Next hand-over: Lithuania on 1 January 2027 \(in 39 days\)/);
    expect(p.text).toMatch(/action 12\.1/);
  });
});
