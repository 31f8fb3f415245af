/**
 * Slack's mount: active when SLACK_BOT_TOKEN is set (with SLACK_SIGNING_SECRET for HTTP, or
 * SLACK_APP_TOKEN for Socket Mode: src/config refuses a token alone). Bolt is imported
 * only then, so the console and the CLI start without loading it.
 */
import type { Mount } from "../index.ts";

export const slackMount: Mount = {
  name: "slack",
  async messenger(rt) {
    const c = rt.config;
    if (!c.SLACK_BOT_TOKEN) return null;
    const [{ createWebClient, SlackMessenger }, { SlackStash }] = await Promise.all([import("./messenger.ts"), import("./stash.ts")]);
    const apiUrl = c.SLACK_API_URL ? (c.SLACK_API_URL.endsWith("/") ? c.SLACK_API_URL : `${c.SLACK_API_URL}/`) : undefined;
    return new SlackMessenger(createWebClient(c.SLACK_BOT_TOKEN, apiUrl), new SlackStash(rt.store), rt.logger);
  },
  async mount(server, rt, dispatcher, clock) {
    const c = rt.config;
    if (!c.SLACK_BOT_TOKEN) return null;
    const { startSlack } = await import("./app.ts");
    const slack = await startSlack(server, rt, { ...c, SLACK_BOT_TOKEN: c.SLACK_BOT_TOKEN }, dispatcher, clock);
    return { messenger: slack.messenger, describe: slack.describe, chat: true, stop: () => slack.stop() };
  },
};
