import { spawn } from "node:child_process";
import net from "node:net";
import { describe, expect, it } from "vitest";
import { adapterKit } from "../../../adapters/index.ts";
import { bin, root, runCli } from "../../support/cli.ts";
import { tempDir } from "../../support/databases.ts";
import { SlackApiStandIn } from "../../support/slack-api-stand-in.ts";
import { slackSignature } from "../../support/slack-app.ts";
import { testRuntime } from "../../support/runtime.ts";

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe("secretariat start with Slack configured", () => {
  it("serves /slack/events with the two variables set, and answers a signed /wp", async () => {
    const stand = await new SlackApiStandIn().start();
    const port = await freePort();
    const secret = "start-test-secret";
    const child = spawn(process.execPath, [bin, "start"], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "/tmp",
        DATABASE_URL: `file:${tempDir()}/start.db`,
        SLACK_BOT_TOKEN: "xoxb-start",
        SLACK_SIGNING_SECRET: secret,
        SLACK_API_URL: stand.apiUrl,
        PORT: String(port),
        HOST: "127.0.0.1",
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let logs = "";
    child.stderr.on("data", (d) => (logs += d));
    child.stdout.on("data", (d) => (logs += d));
    try {
      await stand.until(() => logs.includes("secretariat-bot serving"), 60_000);
      expect(logs).toContain("slack http POST /slack/events");
      const ts = Math.floor(Date.now() / 1000);
      const body = new URLSearchParams({ team_id: "T1", channel_id: "C1", user_id: "U1", command: "/wp", text: "whoami", response_url: stand.responseUrl("start1"), trigger_id: "t.1" }).toString();
      const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": String(ts), "x-slack-signature": slackSignature(secret, ts, body) },
        body,
      });
      expect(res.status).toBe(200);
      const answer = await stand.until(() => stand.responses.find((r) => r.id === "start1"));
      expect(JSON.stringify(answer.body)).toContain("Working party");
      expect(logs).not.toMatch(/you>/); // no console chat beside a chat platform
    } finally {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("close", r));
      await stand.stop();
    }
  });
});

describe("secretariat start with Slack half configured or unreachable (issue 14 item 15)", () => {
  it("refuses to start with one line naming SLACK_SIGNING_SECRET when only SLACK_BOT_TOKEN is set, instead of opening the console", async () => {
    const r = await runCli(["start"], { env: { DATABASE_URL: `file:${tempDir()}/half.db`, SLACK_BOT_TOKEN: "xoxb-half", PORT: "0", HOST: "127.0.0.1" } });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^secretariat: SLACK_SIGNING_SECRET: /)]);
    expect(r.stdout).not.toMatch(/you>/);
  });

  it("says Slack's Web API could not be reached when there is no network, not that Slack refused the token", async () => {
    const closed = await freePort(); // nothing listens there: the connection is refused, as with no network
    const rt = await testRuntime("sqlite", { SLACK_BOT_TOKEN: "xoxb-x", SLACK_SIGNING_SECRET: "s", SLACK_API_URL: `http://127.0.0.1:${closed}/api/`, PORT: "0", HOST: "127.0.0.1" });
    try {
      const error = await adapterKit.startServers(rt).then(
        () => null,
        (e: Error) => e,
      );
      expect(error?.message).toMatch(/^SLACK_BOT_TOKEN could not be checked: Slack's Web API .* could not be reached \(ECONNREFUSED\)/);
      expect(error?.message).not.toMatch(/refused it/);
    } finally {
      await rt.dispose();
    }
    const r = await runCli(["start"], { env: { DATABASE_URL: `file:${tempDir()}/offline.db`, SLACK_BOT_TOKEN: "xoxb-x", SLACK_SIGNING_SECRET: "s", SLACK_API_URL: `http://127.0.0.1:${closed}/api/`, PORT: "0", HOST: "127.0.0.1" } });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^secretariat: SLACK_BOT_TOKEN could not be checked: /)]);
  });

  it("says Slack refused the token when auth.test answers invalid_auth", async () => {
    const stand = await new SlackApiStandIn().start();
    stand.failNext("auth.test", { error: "invalid_auth" });
    const rt = await testRuntime("sqlite", { SLACK_BOT_TOKEN: "xoxb-bad", SLACK_SIGNING_SECRET: "s", SLACK_API_URL: stand.apiUrl, PORT: "0", HOST: "127.0.0.1" });
    try {
      const error = await adapterKit.startServers(rt).then(
        () => null,
        (e: Error) => e,
      );
      expect(error?.message).toMatch(/^SLACK_BOT_TOKEN: Slack refused it \(invalid_auth\)/);
    } finally {
      await rt.dispose();
      await stand.stop();
    }
  });
});
