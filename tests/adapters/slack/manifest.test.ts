import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { SLACK_EVENTS_PATH } from "../../../adapters/slack/app.ts";
import { MESSAGE_SHORTCUTS } from "../../../adapters/slack/inbound.ts";
import { root } from "../../support/cli.ts";

interface Manifest {
  features: { app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean }; slash_commands: { command: string; url: string }[]; shortcuts: { callback_id: string; type: string }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { request_url: string; bot_events: string[] }; interactivity: { is_enabled: boolean; request_url: string } };
}

const manifest = YAML.parse(fs.readFileSync(path.join(root, "manifest/slack/manifest.yml"), "utf8")) as Manifest;

describe("slack manifest", () => {
  it("declares /wp, the three bot events, interactivity and the App Home tab, all on one URL", () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(["/wp"]);
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(["app_home_opened", "app_mention", "message.im"]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    const urls = [manifest.settings.event_subscriptions.request_url, manifest.settings.interactivity.request_url, ...manifest.features.slash_commands.map((c) => c.url)];
    for (const u of urls) expect(new URL(u).pathname).toBe(SLACK_EVENTS_PATH);
  });

  it("declares only shortcuts the adapter handles", () => {
    for (const s of manifest.features.shortcuts) expect(MESSAGE_SHORTCUTS[s.callback_id]).toBeDefined();
  });

  it("asks for the fewest scopes, each explained in the README", () => {
    const scopes = manifest.oauth_config.scopes.bot;
    expect(scopes.sort()).toEqual(["app_mentions:read", "channels:history", "channels:join", "chat:write", "commands", "files:read", "files:write", "groups:history", "im:history", "im:write", "users:read"]);
    const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Slack"));
    for (const s of scopes) expect(section).toContain(`\`${s}\``);
  });
});
