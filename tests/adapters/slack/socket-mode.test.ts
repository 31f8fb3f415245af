import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSlackTestApp, type SlackTestApp } from "../../support/slack-app.ts";

let app: SlackTestApp;
beforeAll(async () => {
  app = await startSlackTestApp({ SLACK_APP_TOKEN: "xapp-1-test" });
});
afterAll(() => app.close());

describe("slack socket mode", () => {
  it("connects to the WebSocket URL that apps.connections.open returns, with the app-level token", async () => {
    expect(app.servers.started).toContain("slack socket mode");
    const open = app.stand.of("apps.connections.open");
    expect(open.length).toBeGreaterThan(0);
    expect(open[0]!.token).toBe("xapp-1-test");
    await app.stand.until(() => app.stand.socketConnections > 0);
  });

  it("acks a slash command envelope and answers through its response_url", async () => {
    app.stand.socketSend({
      envelope_id: "env-cmd-1",
      type: "slash_commands",
      accepts_response_payload: true,
      payload: { team_id: "T1", channel_id: "C100", user_id: "U100", command: "/wp", text: "whoami", response_url: app.stand.responseUrl("sock1"), trigger_id: "t.1", api_app_id: "A1" },
    });
    await app.stand.until(() => app.stand.socketAcks.some((a) => a.envelope_id === "env-cmd-1"));
    const answer = await app.stand.until(() => app.stand.responses.find((r) => r.id === "sock1"));
    expect(answer.body.response_type).toBe("ephemeral");
    expect(JSON.stringify(answer.body.blocks)).toContain("Working party");
  });

  it("acks an event envelope and answers a DM; a retried envelope runs once", async () => {
    const payload = {
      team_id: "T1",
      api_app_id: "A1",
      type: "event_callback",
      event_id: "EvSock1",
      event_time: 1700000000,
      authorizations: [{ team_id: "T1", user_id: "UBOT", is_bot: true }],
      event: { type: "message", channel_type: "im", user: "U100", text: "whoami", ts: "1700000700.000100", channel: "D-SOCK" },
    };
    app.stand.socketSend({ envelope_id: "env-ev-1", type: "events_api", accepts_response_payload: false, retry_attempt: 0, payload });
    await app.stand.until(() => app.stand.of("chat.postMessage").some((c) => c.args.channel === "D-SOCK"));
    app.stand.socketSend({ envelope_id: "env-ev-2", type: "events_api", accepts_response_payload: false, retry_attempt: 1, retry_reason: "timeout", payload });
    await app.stand.until(() => app.stand.socketAcks.some((a) => a.envelope_id === "env-ev-2"));
    app.stand.socketSend({ envelope_id: "env-ev-3", type: "events_api", accepts_response_payload: false, retry_attempt: 0, payload: { ...payload, event_id: "EvSock2", event: { ...payload.event, channel: "D-SOCK2" } } });
    await app.stand.until(() => app.stand.of("chat.postMessage").some((c) => c.args.channel === "D-SOCK2"));
    expect(app.stand.of("chat.postMessage").filter((c) => c.args.channel === "D-SOCK")).toHaveLength(1);
  });
});
