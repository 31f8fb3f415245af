import { spawn } from "node:child_process";
import net from "node:net";
import { describe, expect, it } from "vitest";
import { bin, root } from "../../support/cli.ts";
import { tempDir } from "../../support/databases.ts";
import { SlackApiStandIn } from "../../support/slack-api-stand-in.ts";
import { slackSignature } from "../../support/slack-app.ts";

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
