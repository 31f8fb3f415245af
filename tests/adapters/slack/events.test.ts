import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSlackTestApp, type SlackTestApp } from "../../support/slack-app.ts";

let app: SlackTestApp;
beforeAll(async () => {
  app = await startSlackTestApp();
});
afterAll(() => app.close());

const posts = (channel: string) => app.stand.of("chat.postMessage").filter((c) => c.args.channel === channel);

describe("slack events", () => {
  it("answers an @mention in the thread of the mention, without the bot's mention in the text", async () => {
    const r = await app.event({ type: "app_mention", user: "U100", text: "<@UBOT> whoami", ts: "1700000100.000100", channel: "C200", event_ts: "1700000100.000100" });
    expect(r.status).toBe(200);
    const [post] = await app.stand.until(() => posts("C200").length > 0 && posts("C200"));
    expect(post!.args.thread_ts).toBe("1700000100.000100");
    expect(JSON.stringify(post!.args.blocks)).toContain("Working party");
    expect(post!.token).toBe("xoxb-test-token");
  });

  it("keeps answering in an existing thread", async () => {
    await app.event({ type: "app_mention", user: "U100", text: "<@UBOT> help", ts: "1700000200.000100", thread_ts: "1700000150.000100", channel: "C201" });
    const [post] = await app.stand.until(() => posts("C201").length > 0 && posts("C201"));
    expect(post!.args.thread_ts).toBe("1700000150.000100");
  });

  it("answers a direct message in the DM, and remembers the DM channel for later", async () => {
    await app.event({ type: "message", channel_type: "im", user: "U400", text: "whoami", ts: "1700000300.000100", channel: "D400" });
    const [post] = await app.stand.until(() => posts("D400").length > 0 && posts("D400"));
    expect(post!.args.thread_ts).toBeUndefined();
    const m = await app.rt.store.db.member.findFirstOrThrow({ where: { platform: "slack", platformUserId: "U400" } });
    expect(JSON.parse(m.directRef!)).toEqual({ channel: "D400" });
  });

  it("ignores the bot's own messages, edits and other bots", async () => {
    await app.event({ type: "message", channel_type: "im", user: "U401", subtype: "message_changed", text: "whoami", ts: "1700000400.000100", channel: "D401" });
    await app.event({ type: "message", channel_type: "im", bot_id: "B2", user: "U402", text: "whoami", ts: "1700000401.000100", channel: "D402" });
    await app.event({ type: "message", channel_type: "im", user: "U403", text: "whoami", ts: "1700000402.000100", channel: "D403" });
    await app.stand.until(() => posts("D403").length > 0);
    expect(posts("D401")).toHaveLength(0);
    expect(posts("D402")).toHaveLength(0);
  });

  it("runs a retried event (x-slack-retry-num) once", async () => {
    const event = { type: "message", channel_type: "im", user: "U500", text: "whoami", ts: "1700000500.000100", channel: "D500" };
    await app.event(event, "EvRetry1");
    await app.stand.until(() => posts("D500").length > 0);
    const retry = await app.event(event, "EvRetry1", { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" });
    expect(retry.status).toBe(200);
    // a later, different message proves the retry had its chance to be (wrongly) answered first
    await app.event({ ...event, ts: "1700000501.000100", text: "help" }, "EvRetry2");
    await app.stand.until(() => posts("D500").length >= 2);
    expect(posts("D500").map((p) => String(p.args.text))).toHaveLength(2);
    expect(posts("D500").filter((p) => JSON.stringify(p.args.blocks).includes("Working party"))).toHaveLength(1);
  });

  it("publishes the App Home when the Home tab opens", async () => {
    await app.event({ type: "app_home_opened", user: "U600", channel: "D600", tab: "home", event_ts: "1700000600.000100" });
    const [pub] = await app.stand.until(() => app.stand.of("views.publish").length > 0 && app.stand.of("views.publish"));
    expect(pub!.args.user_id).toBe("U600");
    const view = pub!.args.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe("home");
    expect(JSON.stringify(view.blocks)).toMatch(/Your deadlines/);
    expect(JSON.stringify(view.blocks)).toMatch(/Next action plan to adopt by/);
  });

  it("does not publish for the Messages tab", async () => {
    const before = app.stand.of("views.publish").length;
    await app.event({ type: "app_home_opened", user: "U601", channel: "D601", tab: "messages", event_ts: "1700000601.000100" });
    await app.event({ type: "app_home_opened", user: "U602", channel: "D602", tab: "home", event_ts: "1700000602.000100" });
    await app.stand.until(() => app.stand.of("views.publish").length > before);
    expect(app.stand.of("views.publish").map((c) => c.args.user_id)).not.toContain("U601");
  });

  it("produced only payloads within Slack's limits", () => {
    expect(app.stand.violations).toEqual([]);
  });
});
