/**
 * Forms answered field by field on the console (issue 14 item 3): each field asked in turn, a bad
 * value refused and asked again with nothing stored, `cancel` drops the answers, and the last
 * answer is submitted through the same command as the typed line and the platforms' forms.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { replyToPlainText } from "../../src/core/reply.ts";
import type { IncomingMessage } from "../../src/core/message.ts";
import { spawnCli } from "../support/cli.ts";
import { databaseKinds, seededDatabase } from "../support/databases.ts";
import { consoleText, testRuntime, type TestRuntime } from "../support/runtime.ts";

const AT = new Date("2026-11-23T10:00:00Z");

describe.each(databaseKinds)("a form answered field by field (%s)", (kind) => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime(kind);
  });
  afterEach(() => rt.dispose());

  const send = async (m: IncomingMessage) => {
    const r = await rt.bot.handle(m);
    return r.replies.map((x) => (x.tone === "error" ? `⚠ ${replyToPlainText(x)}` : replyToPlainText(x))).join("\n\n");
  };
  const say = (t: string, at = AT) => send(consoleText(t, "sam", { role: "secretariat" }, at));
  const reports = () => rt.store.db.progressReport.count();
  const collections = () => rt.store.db.collection.count();

  it("starts a collection: asks plan, due date and actions in turn, re-asks a bad value, submits the last", async () => {
    const shown = await say("collect start");
    expect(shown).toMatch(/Type it in one line:\n {2}collect start plan N due/);
    expect(shown).toMatch(/\nOr answer it here, one field at a time \(3 in all; .*cancel to stop\)\.\n1\/3 Action plan number\? \(e\.g\. 99\)$/);
    expect(await say("abc")).toBe("⚠ Action plan number: the plan number must be a number. Nothing was stored.\n1/3 Action plan number? (e.g. 99)");
    expect(await say("1")).toBe("2/3 Reports due on? (e.g. YYYY-MM-DD)");
    expect(await say("2026-02-30")).toMatch(/^⚠ Reports due on: .*\. Nothing was stored\.\n2\/3 Reports due on\?/);
    expect(await say("2026-12-20")).toMatch(/^3\/3 Only these actions \(optional\)\? \(.*optional: - skips it\)$/);
    expect(await collections()).toBe(0);
    expect(await say("-")).toMatch(/^Collection started: 43 actions, reports due 20 December 2026/);
    expect(await collections()).toBe(1);
    // the questions are over: the next message is read as any other
    expect(await say("collect status")).toMatch(/0 of 43/);
  });

  it("a value the command refuses at the end is asked again, keeping the other answers", async () => {
    await say("collect start");
    await say("1");
    await say("2020-01-01");
    const refused = await say("-");
    expect(refused).toMatch(/^⚠ The due date 1 January 2020 is not in the future[\s\S]*\n\n2\/3 Reports due on\?/);
    expect(await collections()).toBe(0);
    expect(await say("2026-12-20")).toMatch(/^Collection started: 43 actions/);
  });

  it("writes a progress report field by field, choices by their label, stored once at the end", async () => {
    expect(await say("collect start plan 1 due 2026-12-20")).toMatch(/^Collection started/);
    expect(await say("report 11")).toMatch(/\n1\/4 Status\? \(one of: on track, delayed, completed, not started; now: On track \(- keeps it\)\)$/);
    expect(await say("splendid")).toMatch(/^⚠ Status: the status must be on track, delayed, completed or not started\. Nothing was stored\.\n1\/4 Status\?/);
    expect(await say("Delayed")).toMatch(/^2\/4 Summary of progress\?/);
    expect(await say("-")).toMatch(/^⚠ Summary of progress: required; there is no value to keep\. Nothing was stored\./);
    expect(await say("two trainings held")).toMatch(/^3\/4 Next steps\? \(optional: - skips it\)$/);
    expect(await say("-")).toMatch(/^4\/4 Risks or obstacles\?/);
    expect(await reports()).toBe(0);
    expect(await say("travel budgets")).toMatch(/^Thank you\. Your report on action 11 \(Delayed\) is recorded\./);
    const saved = await rt.store.db.progressReport.findMany({ include: { action: true } });
    expect(saved.map((r) => [r.action.code, r.status, r.summary, r.nextSteps, r.risks])).toEqual([["11", "delayed", "two trainings held", null, "travel budgets"]]);
  });

  it("cancel drops the answers; a whole command typed instead runs as usual", async () => {
    await say("collect start plan 1 due 2026-12-20");
    await say("report 11");
    await say("completed");
    expect(await say("cancel")).toBe("Cancelled: the form “Report on 11” was not submitted, and nothing was stored.");
    expect(await say("all done")).toMatch(/documents do not answer|closest passage/i); // a question again
    expect(await reports()).toBe(0);

    await say("report 11");
    expect(await say("report 11 on track: typed in one line")).toMatch(/^Thank you\. Your report on action 11 \(On track\) is recorded/);
    expect(await say("on track")).not.toMatch(/^\d\/4|Thank you/);
    expect((await rt.store.db.progressReport.findMany()).map((r) => r.summary)).toEqual(["typed in one line"]);
  });

  it("keeps each person's answers apart, and never asks where the platform shows the form", async () => {
    await say("collect start");
    const other = (t: string) => send(consoleText(t, "kim", { role: "secretariat" }));
    expect(await other("1")).not.toMatch(/^2\/3/); // kim has no form open
    expect(await say("1")).toBe("2/3 Reports due on? (e.g. YYYY-MM-DD)");

    const slackText = (text: string): IncomingMessage => ({ platform: "slack", kind: "text", text, user: { id: "U1", name: "U1" }, conversation: { kind: "direct", id: "D1" }, receivedAt: AT });
    await send(slackText("whoami")); // the member is made on first contact, as a delegate
    await rt.store.db.member.updateMany({ where: { platform: "slack", platformUserId: "U1" }, data: { role: "secretariat" } });
    const first = await send(slackText("collect start"));
    expect(first).toMatch(/^Start collecting progress reports\./); // Slack shows it as a modal
    expect(first).not.toMatch(/one field at a time/);
    expect(await send(slackText("1"))).not.toMatch(/^2\/3/);
  });

  it("forgets answers left for half an hour", async () => {
    await say("collect start");
    await say("1");
    expect(await say("2026-12-20", new Date(AT.getTime() + 31 * 60_000))).not.toMatch(/^3\/3/);
  });
});

describe("where no next message follows", () => {
  // `secretariat say` is one message per process: questions there could never be answered
  it("secretariat say shows the form and its typed line, and asks nothing", async () => {
    const db = await seededDatabase("sqlite");
    try {
      const r = await spawnCli(["say", "--as", "sam", "--role", "secretariat", "collect start"], { env: { DATABASE_URL: db.url } });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Type it in one line:\n {2}collect start plan N due/);
      expect(r.stdout).not.toMatch(/one field at a time|1\/3/);
    } finally {
      await db.drop();
    }
  });
});
