/**
 * One collection whose leads are on Slack, on Teams and on the console: each is asked on their own
 * platform (through the Slack Web API and Bot Framework connector stand-ins), each reports there,
 * and the status and compiled report do not care where a report came from.
 */
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Dispatcher } from "../../src/outbox/dispatcher.ts";
import type { Messenger, OutgoingMessage, SendResult } from "../../src/core/messenger.ts";
import { replyToPlainText } from "../../src/core/reply.ts";
import { FIXED_NOW, fixedClock } from "../support/clock.ts";
import { createPlan } from "../support/plans.ts";
import { consoleText } from "../support/runtime.ts";
import { startSlackTestApp, type SlackTestApp } from "../support/slack-app.ts";
import { TeamsConnectorStandIn } from "../support/teams-connector-stand-in.ts";
import { installed, jan, personalMessage } from "../support/teams-activities.ts";

class ConsoleRecorder implements Messenger {
  readonly platform = "console" as const;
  readonly sent: OutgoingMessage[] = [];
  async send(m: OutgoingMessage): Promise<SendResult> {
    this.sent.push(m);
    return { ok: true };
  }
}

let slack: SlackTestApp;
let connector: TeamsConnectorStandIn;
const consoleOut = new ConsoleRecorder();
const postTeams = (activity: Record<string, unknown>) =>
  fetch(`${slack.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
const dispatchAll = async () => {
  const d = new Dispatcher(slack.rt.store, [consoleOut, ...slack.servers.messengers], slack.rt.logger);
  return d.dispatchDue({ now: FIXED_NOW });
};

beforeAll(async () => {
  connector = await new TeamsConnectorStandIn().start();
  slack = await startSlackTestApp({ TEAMS_ENABLE: "1", TEAMS_TRUST_ANY_SERVICE_URL: "1" }, { clock: fixedClock() });
  slack.stand.users = { U200: { name: "Frédéric (FR)", tz: "Europe/Paris" } };
});
afterAll(async () => {
  await slack.close();
  await connector.close();
});

describe("a collection across Slack, Teams and the console", () => {
  it("asks each lead on their platform, takes their reports there, and compiles them together", async () => {
    const db = slack.rt.store.db;
    // The three leads meet the bot once on their own platform.
    expect((await slack.event({ type: "message", channel_type: "im", channel: "D200", user: "U200", text: "whoami", ts: "1700000000.000001" })).status).toBe(200);
    expect((await postTeams(installed(connector.url, jan, "personal"))).status).toBeLessThan(300);
    await slack.rt.bot.handle(consoleText("whoami", "nl-lead", { delegation: "NL" }));
    await slack.stand.until(() => db.member.findFirst({ where: { platform: "slack", platformUserId: "U200" } }).then((m) => m ?? undefined));
    // The secretariat records their delegations (set-up, as `secretariat member set` would).
    await db.member.updateMany({ where: { platform: "slack", platformUserId: "U200" }, data: { delegation: "FR" } });
    await db.member.updateMany({ where: { platform: "teams" }, data: { delegation: "DE" } });
    await createPlan(db, { number: 5, actions: [{ code: "5.1", lead: "FR" }, { code: "5.2", lead: "DE" }, { code: "5.3", lead: "NL" }] });

    const started = await slack.rt.bot.handle({ ...consoleText("collect start plan 5 due 2026-12-01", "chair", { role: "chair" }), receivedAt: FIXED_NOW });
    expect(replyToPlainText(started.replies[0]!)).toMatch(/3 actions/);
    connector.clear();
    await dispatchAll();

    // Slack: a DM to U200 about 5.1; Teams: a message in Jan's personal chat about 5.2; console: to nl-lead about 5.3.
    const slackAsk = slack.stand.of("chat.postMessage").filter((c) => JSON.stringify(c.args).includes("5.1") && c.args.metadata);
    expect(slackAsk).toHaveLength(1);
    expect(connector.messages.filter((c) => JSON.stringify(c.body).includes("5.2"))).toHaveLength(1);
    expect(connector.messages[0]!.path).toContain("a:personal-aad-jan-0002");
    expect(consoleOut.sent.filter((m) => m.to.id === "nl-lead" && JSON.stringify(m.replies).includes("5.3"))).toHaveLength(1);

    // Each reports on their own platform.
    await slack.event({ type: "message", channel_type: "im", channel: "D200", user: "U200", text: "report 5.1 on track: first joint training held in Lyon", ts: "1700000000.000002" });
    expect((await postTeams(personalMessage(connector.url, jan, "report 5.2 delayed: venue not yet booked"))).status).toBeLessThan(300);
    await slack.rt.bot.handle({ ...consoleText("report 5.3 completed: handbook published", "nl-lead"), receivedAt: FIXED_NOW });
    await slack.stand.until(() => db.progressReport.count().then((n) => (n === 3 ? n : undefined)));

    const status = replyToPlainText((await slack.rt.bot.handle({ ...consoleText("collect status", "chair"), receivedAt: FIXED_NOW })).replies[0]!);
    expect(status).toMatch(/3 of 3/);
    // Each platform hands the core the app's clock: all three reported before the due day, none late.
    expect((await db.progressReport.findMany({ select: { late: true } })).map((r) => r.late)).toEqual([false, false, false]);
    const versions = await db.reportVersion.findMany({ select: { submittedBy: true } });
    expect(versions.map((v) => v.submittedBy.split(":")[0]).sort()).toEqual(["console", "slack", "teams"]);

    const compiled = await slack.rt.bot.handle({ ...consoleText("collect compile", "chair"), receivedAt: FIXED_NOW });
    const file = compiled.replies.flatMap((r) => r.blocks).find((b) => b.type === "file" && b.file.name.endsWith(".md"));
    expect(file?.type).toBe("file");
    const markdown = file?.type === "file" ? fs.readFileSync(file.file.path, "utf8") : "";
    for (const words of ["first joint training held in Lyon", "venue not yet booked", "handbook published"]) expect(markdown).toContain(words);
  });
});
