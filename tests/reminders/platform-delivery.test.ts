/** Reminders reach Slack channels through the real Slack messenger and the Web API stand-in. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/index.ts";
import { runCli } from "../support/cli.ts";
import { seededDatabase } from "../support/databases.ts";
import { createPlan } from "../support/plans.ts";
import { SlackApiStandIn } from "../support/slack-api-stand-in.ts";

let stand: SlackApiStandIn;
beforeAll(async () => {
  stand = await new SlackApiStandIn().start();
});
afterAll(() => stand.stop());

describe("reminders on Slack", () => {
  it("posts one digest to the bound Slack channel with its key in the metadata, once", async () => {
    const { url } = await seededDatabase("sqlite");
    const env = { DATABASE_URL: url, SLACK_BOT_TOKEN: "xoxb-rem", SLACK_SIGNING_SECRET: "s3cret", SLACK_API_URL: stand.apiUrl };
    const s = await openStore(url);
    const wp = await s.db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } });
    await s.db.channelBinding.create({ data: { workingPartyId: wp.id, platform: "slack", channelId: "C0REMIND", name: "#ccwp-reminders", purpose: "reminders" } });
    await createPlan(s.db, { number: 3, actions: [{ code: "3.1", due: "2026-06-30", text: "June 2026", lead: "NL" }] });
    await s.close();

    const first = await runCli(["reminders", "tick", "--now", "2026-06-16T09:00:00+02:00", "--json"], { env });
    expect(first.stderr).toBe("");
    const delivered = JSON.parse(first.stdout) as { to: string; platform: string; key: string }[];
    expect(delivered.map((d) => [d.platform, d.to]).sort()).toEqual([["console", "#ccwp"], ["slack", "C0REMIND"]]);
    const posts = stand.of("chat.postMessage").filter((c) => c.args.channel === "C0REMIND");
    expect(posts).toHaveLength(1);
    const slackKey = delivered.find((d) => d.platform === "slack")!.key;
    expect(posts[0]!.args.metadata).toMatchObject({ event_type: "secretariat_delivery", event_payload: { key: slackKey } });
    expect(JSON.stringify(posts[0]!.args.blocks)).toContain("3.1");
    expect(posts[0]!.token).toBe("xoxb-rem");

    const again = await runCli(["reminders", "tick", "--now", "2026-06-16T09:00:00+02:00", "--json"], { env });
    expect(JSON.parse(again.stdout)).toEqual([]);
    expect(stand.of("chat.postMessage").filter((c) => c.args.channel === "C0REMIND")).toHaveLength(1);
  });
});

describe("reminders on Teams", () => {
  it("posts one digest into the Teams channel the secretariat bound, from its stored reference", async () => {
    const { teamsTestServer } = await import("../support/teams-server.ts");
    const { installed, channelMention, marie } = await import("../support/teams-activities.ts");
    const { Dispatcher } = await import("../../src/outbox/dispatcher.ts");
    const [{ reminderPlanner }, { runTick }] = await Promise.all([import("../../src/reminders/reminder-planner.ts"), import("../../src/scheduler/tick.ts")]);
    const { adaptiveCardProblems } = await import("../support/adaptive-card-validator.ts");
    const t = await teamsTestServer();
    try {
      await t.post(installed(t.connector.url, marie, "team"));
      await t.rt.store.db.member.updateMany({ where: { platform: "teams", displayName: "Marie Dupont" }, data: { role: "secretariat" } });
      await t.post(channelMention(t.connector.url, marie, "bind this channel"));
      await createPlan(t.rt.store.db, { number: 4, actions: [{ code: "4.1", due: "2026-06-30", text: "June 2026", lead: "FR" }] });
      t.connector.clear();
      const dispatcher = new Dispatcher(t.rt.store, [t.messenger], t.rt.logger);
      await runTick({ store: t.rt.store, logger: t.rt.logger }, dispatcher, new Date("2026-06-16T07:00:00Z"), [reminderPlanner]);
      await runTick({ store: t.rt.store, logger: t.rt.logger }, dispatcher, new Date("2026-06-16T07:00:00Z"), [reminderPlanner]);
      expect(t.connector.messages).toHaveLength(1);
      const call = t.connector.messages[0]!;
      expect(call.path).toBe("/v3/conversations/19:ccwp-general@thread.tacv2/activities");
      const key = (call.body!.channelData as Record<string, string>).secretariatDeliveryKey;
      expect(key).toMatch(/^digest:/);
      expect(JSON.stringify(call.body)).toContain("4.1");
      expect(adaptiveCardProblems(t.connector.cards[0])).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
