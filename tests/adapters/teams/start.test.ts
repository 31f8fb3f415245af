/** `secretariat start` serves Teams on PORT: the real binary, a real activity, the reply at the connector stand-in. */
import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { bin, root } from "../../support/cli.ts";
import { tempDir } from "../../support/databases.ts";
import { marie, personalMessage } from "../../support/teams-activities.ts";
import { TeamsConnectorStandIn } from "../../support/teams-connector-stand-in.ts";

const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((s) => s()));

/** Starts the bot; resolves with the port it listens on once its start-up log line says so. */
function start(env: Record<string, string>): Promise<{ port: number; logs: () => string; exited: Promise<number> }> {
  const child = spawn(process.execPath, [bin, "start"], { cwd: root, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", PORT: "0", HOST: "127.0.0.1", ...env }, stdio: ["pipe", "pipe", "pipe"] });
  stops.push(() => child.kill("SIGKILL"));
  let out = "";
  const exited = new Promise<number>((resolve) => child.on("close", (code) => resolve(code ?? -1)));
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d;
      const m = /http 127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve({ port: Number(m[1]), logs: () => out, exited });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    void exited.then((code) => reject(new Error(`start exited with ${code}: ${out}`)));
  });
}

describe("secretariat start with Teams", () => {
  it("serves POST /api/messages as the chat platform (TEAMS_ENABLE=1, nothing else) and replies through a loopback connector", async () => {
    const connector = await new TeamsConnectorStandIn().start();
    stops.push(() => void connector.close());
    const bot = await start({ DATABASE_URL: `file:${tempDir()}/start.db`, TEAMS_ENABLE: "1" });
    const res = await fetch(`http://127.0.0.1:${bot.port}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(personalMessage(connector.url, marie, "whoami")) });
    expect(res.status).toBe(200);
    expect(JSON.stringify(connector.cards[0])).toContain("Marie Dupont");
    expect(bot.logs()).toContain("TEAMS ENDPOINT IS UNAUTHENTICATED");
    expect(bot.logs()).not.toContain("console chat");
  });

  it("authenticates when MicrosoftAppId is set: an unsigned request gets 401", async () => {
    const bot = await start({ DATABASE_URL: `file:${tempDir()}/start.db`, MicrosoftAppId: "00000000-1111-2222-3333-444444444444", MicrosoftAppPassword: "x" });
    const res = await fetch(`http://127.0.0.1:${bot.port}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(personalMessage("https://smba.trafficmanager.net/emea/", marie, "whoami")), signal: AbortSignal.timeout(5000) });
    expect(res.status).toBe(401);
    expect(bot.logs()).toContain("teams /api/messages (authenticated)");
  });

  it("refuses to start unauthenticated Teams on all addresses, with one line naming HOST", async () => {
    const child = spawn(process.execPath, [bin, "start"], { cwd: root, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", PORT: "0", HOST: "0.0.0.0", TEAMS_ENABLE: "1", DATABASE_URL: `file:${tempDir()}/start.db` }, stdio: ["pipe", "pipe", "pipe"] });
    stops.push(() => child.kill("SIGKILL"));
    let err = "";
    let out = "";
    child.stderr.on("data", (d: Buffer) => (err += d));
    child.stdout.on("data", (d: Buffer) => (out += d));
    const code = await new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? -1)));
    expect(code).not.toBe(0);
    expect(err).toMatch(/HOST=0\.0\.0\.0 would let anyone on the network act as any user\. Set HOST=127\.0\.0\.1/);
    expect(out).not.toMatch(/http 0\.0\.0\.0/);
  });
});
