/**
 * One dispatcher per process (issue 15): what a message on one platform causes for a recipient on
 * another goes out at once, as it does for a recipient on the same platform. Before, each platform
 * built its own dispatcher with its own messenger only, and a Teams lead asked from Slack waited
 * for the scheduler's next tick.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../support/clock.ts";
import { createPlan } from "../support/plans.ts";
import { startSlackTestApp, type SlackTestApp } from "../support/slack-app.ts";
import { TeamsConnectorStandIn } from "../support/teams-connector-stand-in.ts";
import { installed, jan } from "../support/teams-activities.ts";

let slack: SlackTestApp;
let connector: TeamsConnectorStandIn;

beforeAll(async () => {
  connector = await new TeamsConnectorStandIn().start();
  slack = await startSlackTestApp({ TEAMS_ENABLE: "1" }, { clock: fixedClock() });
});
afterAll(async () => {
  await slack.close();
  await connector.close();
});

describe("the process's one dispatcher", () => {
  it("holds every mounted platform's messenger", () => {
    expect(slack.servers.dispatcher.platforms.sort()).toEqual(["slack", "teams"]);
  });

  it("sends a Teams lead the request a Slack chair's command caused, without waiting for a tick", async () => {
    const db = slack.rt.store.db;
    const greeted = await fetch(`${slack.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(installed(connector.url, jan, "personal")) });
    expect(greeted.status).toBeLessThan(300);
    const whoami = await slack.command("whoami", "U100");
    expect(whoami.status).toBe(200);
    await slack.stand.until(() => slack.stand.responses.find((r) => r.id === whoami.responseUrlId)); // answered: the member exists
    await db.member.updateMany({ where: { platform: "slack" }, data: { role: "chair" } });
    await db.member.updateMany({ where: { platform: "teams" }, data: { delegation: "DE" } });
    await createPlan(db, { number: 5, actions: [{ code: "5.2", lead: "DE" }] });
    connector.clear();

    // The app's clock says 23 November 2026, so 1 December is ahead (the request is still signed with the real time, as Slack signs it).
    const started = await slack.command("collect start plan 5 due 2026-12-01", "U100");
    expect(started.status).toBe(200);
    // No scheduler runs in this test: only the dispatch that follows the Slack command can send it.
    const asked = await slack.stand.until(() => connector.messages.find((c) => JSON.stringify(c.body).includes("5.2")), 60_000);
    expect(asked.path).toContain("a:personal-aad-jan-0002");
    // and recorded as sent (right after the connector answered)
    for (let i = 0; i < 600 && (await db.delivery.count({ where: { platform: "teams", status: "sent" } })) === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await db.delivery.findMany({ where: { platform: "teams", kind: { not: "reply" } }, select: { status: true } })).toEqual([{ status: "sent" }]);
  });
});
