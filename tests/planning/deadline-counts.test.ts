/**
 * One rule for "how many deadlines are overdue": `current plan` and `deadlines` count the same
 * ones, the plan's own "adopt the next plan by" included (issue 14 item 6, issue 16 item 6: 27 in one, 28 in the
 * other, for the same plan).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyToPlainText } from "../../src/core/reply.ts";
import { listDeadlines } from "../../src/planning/deadlines/deadlines.ts";
import { databaseKinds } from "../support/databases.ts";
import { consoleText, testRuntime, type TestRuntime } from "../support/runtime.ts";

// The bundled 1997 programme, long past: every deadline is overdue, the adoption of the next plan too.
const AT = new Date("2026-11-23T10:00:00Z");

describe.each(databaseKinds)("overdue counts (%s)", (kind) => {
  let rt: TestRuntime;
  const say = async (text: string) => (await rt.bot.handle(consoleText(text, "dora", {}, AT))).replies.map(replyToPlainText).join("\n");
  beforeAll(async () => {
    rt = await testRuntime(kind);
  });
  afterAll(async () => {
    await rt.dispose();
  });

  it("are the same in `current plan` and `deadlines`, and include the adoption deadline", async () => {
    const plan = Number(/(\d+) overdue/.exec(await say("current plan"))?.[1]);
    const list = Number(/(\d+) deadline\(s\) are overdue/.exec(await say("deadlines"))?.[1]);
    expect(plan).toBeGreaterThan(0);
    expect(plan).toBe(list);
    const wp = await rt.store.db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } });
    const rows = await listDeadlines(rt.store.repos, { workingPartyId: wp.id, overdue: true }, "2026-11-23");
    expect(rows.some((r) => r.action === null)).toBe(true);
    expect(plan).toBe(rows.length);
  });
});

describe.each(databaseKinds)("calendar without PUBLIC_URL (%s)", (kind) => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await testRuntime(kind);
  });
  afterAll(async () => {
    await rt.dispose();
  });

  it("gives chat users no loopback link and no instructions meant for the administrator, and makes no feed", async () => {
    const inTeams = (text: string) => ({ ...consoleText(text, "aad-x", {}, AT), platform: "teams" as const, user: { id: "aad-x", name: "X" }, conversation: { kind: "direct" as const, id: "a:x" } });
    const teams = inTeams("calendar");
    // A member the secretariat placed: strangers are refused before the address matters (calendar-feed-access.test.ts).
    await rt.bot.handle(inTeams("help"));
    expect(await rt.store.db.member.updateMany({ where: { platform: "teams", platformUserId: "aad-x" }, data: { delegation: "FR" } })).toEqual({ count: 1 });
    const text = (await rt.bot.handle(teams)).replies.map(replyToPlainText).join("\n");
    expect(text).toMatch(/not available in chat yet/);
    expect(text).not.toMatch(/localhost|127\.0\.0\.1|PUBLIC_URL/);
    expect(await rt.store.db.calendarFeed.count()).toBe(0);
  });

  it("still gives the console (on the bot's machine) its local link", async () => {
    const text = (await rt.bot.handle(consoleText("calendar", "dora", {}, AT))).replies.map(replyToPlainText).join("\n");
    expect(text).toMatch(/http:\/\/127\.0\.0\.1:\d+\/calendar\//);
  });
});
