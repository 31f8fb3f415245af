import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, publicBaseUrl } from "../../src/config/index.ts";

describe("loadConfig: Slack's variables come together (issue 14 item 15)", () => {
  it.each<[Record<string, string>, RegExp]>([
    [{ SLACK_BOT_TOKEN: "xoxb-1" }, /^SLACK_SIGNING_SECRET: /],
    [{ SLACK_SIGNING_SECRET: "s" }, /^SLACK_BOT_TOKEN: /],
    [{ SLACK_APP_TOKEN: "xapp-1" }, /^SLACK_BOT_TOKEN: /],
  ])("refuses %o with one line naming the missing variable", (env, line) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(line);
    expect((error as Error).message).not.toContain("\n");
  });

  it.each<[Record<string, string>, string]>([
    [{}, "no Slack at all"],
    [{ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" }, "HTTP: token and signing secret"],
    [{ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" }, "Socket Mode: token and app-level token"],
    [{ SLACK_BOT_TOKEN: "", SLACK_SIGNING_SECRET: "" }, "empty values count as unset"],
  ])("accepts %o (%s)", (env) => {
    expect(() => loadConfig(env)).not.toThrow();
  });
});

describe("publicBaseUrl: the one address links to the bot are built on (issues 15 and 17)", () => {
  it.each<[Record<string, string>, string]>([
    [{ PORT: "3000" }, "http://127.0.0.1:3000"],
    [{ PORT: "8080", PUBLIC_URL: "" }, "http://127.0.0.1:8080"],
    [{ PUBLIC_URL: "https://bot.example.org" }, "https://bot.example.org"],
    [{ PUBLIC_URL: "https://bot.example.org/secretariat//" }, "https://bot.example.org/secretariat"],
  ])("%o gives %s", (env, base) => {
    expect(publicBaseUrl(loadConfig(env))).toBe(base);
  });

  it("keeps PUBLIC_URL itself without its trailing slash, for the links built on it directly (Teams files, the tab)", () => {
    expect(loadConfig({ PUBLIC_URL: "https://bot.example.org/secretariat//" }).PUBLIC_URL).toBe("https://bot.example.org/secretariat");
  });
});
