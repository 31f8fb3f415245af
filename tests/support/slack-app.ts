/**
 * The real Slack app for tests: a runtime on a fresh database, `startServers` with Slack configured
 * against the Web API stand-in, and requests signed exactly as Slack signs them (v0 HMAC-SHA256 of
 * "v0:{timestamp}:{raw body}" with the signing secret).
 */
import { createHmac } from "node:crypto";
import { adapterKit } from "../../adapters/index.ts";
import type { RunningServers } from "../../src/cli/adapter-kit.ts";
import type { Clock } from "../../src/core/clock.ts";
import { SlackApiStandIn } from "./slack-api-stand-in.ts";
import { testRuntime, type TestRuntime } from "./runtime.ts";

export const SIGNING_SECRET = "test-signing-secret-0123456789abcdef";

/** Slack's signature of a body at a timestamp (seconds). */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SlackTestApp {
  rt: TestRuntime;
  stand: SlackApiStandIn;
  servers: RunningServers;
  /** base URL of the bot's HTTP server */
  url: string;
  /** POSTs a signed body to /slack/events; returns status and response text */
  post(body: string, options?: { contentType?: string; timestamp?: number; signature?: string; headers?: Record<string, string> }): Promise<{ status: number; text: string }>;
  command(text: string, user?: string, extra?: Record<string, string>): Promise<{ status: number; text: string; responseUrlId: string }>;
  event(event: Record<string, unknown>, eventId?: string, headers?: Record<string, string>): Promise<{ status: number; text: string }>;
  interaction(payload: Record<string, unknown>): Promise<{ status: number; text: string }>;
  /** Stops the servers and starts them again on the same database: a restarted bot, memory gone. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

let eventSeq = 0;

/** `clock`: when the bot receives each message (the real clock unless given; requests are still signed with the real time, as Slack does). */
export async function startSlackTestApp(env: Record<string, string> = {}, options: { clock?: Clock } = {}): Promise<SlackTestApp> {
  const stand = await new SlackApiStandIn().start();
  const rt = await testRuntime("sqlite", {
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: stand.apiUrl,
    PORT: "0",
    HOST: "127.0.0.1",
    ...env,
  });
  let servers = await adapterKit.startServers(rt, options);
  const urlOf = (s: RunningServers) => `http://${s.started.find((x) => x.startsWith("http "))!.slice(5)}`;
  let url = urlOf(servers);
  const post: SlackTestApp["post"] = async (body, o = {}) => {
    const ts = o.timestamp ?? Math.floor(Date.now() / 1000);
    const res = await fetch(`${url}/slack/events`, {
      method: "POST",
      headers: {
        "content-type": o.contentType ?? "application/json",
        "x-slack-request-timestamp": String(ts),
        "x-slack-signature": o.signature ?? slackSignature(SIGNING_SECRET, ts, body),
        ...o.headers,
      },
      body,
    });
    return { status: res.status, text: await res.text() };
  };
  return {
    rt,
    stand,
    get servers() {
      return servers;
    },
    get url() {
      return url;
    },
    post,
    async restart() {
      await servers.stop();
      servers = await adapterKit.startServers(rt, options);
      url = urlOf(servers);
    },
    async command(text, user = "U100", extra = {}) {
      const responseUrlId = `cmd${++eventSeq}`;
      const body = new URLSearchParams({
        token: "legacy-verification-token",
        team_id: "T1",
        team_domain: "ccwp",
        channel_id: "C100",
        channel_name: "ccwp",
        user_id: user,
        user_name: user.toLowerCase(),
        command: "/wp",
        text,
        api_app_id: "A1",
        is_enterprise_install: "false",
        response_url: stand.responseUrl(responseUrlId),
        trigger_id: `trig.${eventSeq}`,
        ...extra,
      }).toString();
      return { ...(await post(body, { contentType: "application/x-www-form-urlencoded" })), responseUrlId };
    },
    event(event, eventId = `Ev${++eventSeq}`, headers = {}) {
      const body = JSON.stringify({
        token: "legacy-verification-token",
        team_id: "T1",
        api_app_id: "A1",
        event,
        type: "event_callback",
        event_id: eventId,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ enterprise_id: null, team_id: "T1", user_id: "UBOT", is_bot: true, is_enterprise_install: false }],
        is_ext_shared_channel: false,
      });
      return post(body, { headers });
    },
    interaction(payload) {
      return post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), { contentType: "application/x-www-form-urlencoded" });
    },
    async close() {
      await servers.stop();
      await stand.stop();
      await rt.dispose();
    },
  };
}

/** A block_actions payload for a button pressed in a message (or the App Home when `home`). */
export function blockAction(
  stand: SlackApiStandIn,
  button: { action_id: string; value: string; block_id?: string },
  o: { user?: string; channel?: string; home?: boolean; responseUrlId?: string } = {},
): Record<string, unknown> {
  const user = o.user ?? "U100";
  return {
    type: "block_actions",
    team: { id: "T1", domain: "ccwp" },
    user: { id: user, username: user.toLowerCase(), team_id: "T1" },
    api_app_id: "A1",
    token: "legacy-verification-token",
    trigger_id: `trig.${++eventSeq}`,
    ...(o.home
      ? { container: { type: "view", view_id: "V1" }, view: { id: "V1", type: "home" } }
      : {
          container: { type: "message", message_ts: "1700000000.000100", channel_id: o.channel ?? "C100", is_ephemeral: true },
          channel: { id: o.channel ?? "C100", name: "ccwp" },
          response_url: stand.responseUrl(o.responseUrlId ?? `act${eventSeq}`),
        }),
    actions: [{ type: "button", action_id: button.action_id, block_id: button.block_id ?? "b", value: button.value, action_ts: "1700000001.000200", text: { type: "plain_text", text: "x" } }],
  };
}

/** A view_submission payload for a modal the app opened, with the given input state. */
export function viewSubmission(view: Record<string, unknown>, state: Record<string, Record<string, unknown>>, user = "U100"): Record<string, unknown> {
  return {
    type: "view_submission",
    team: { id: "T1", domain: "ccwp" },
    user: { id: user, username: user.toLowerCase(), team_id: "T1" },
    api_app_id: "A1",
    token: "legacy-verification-token",
    trigger_id: `trig.${++eventSeq}`,
    view: { id: "V9", team_id: "T1", type: "modal", ...view, state: { values: state }, hash: "h", app_id: "A1", bot_id: "BBOT" },
    response_urls: [],
  };
}
