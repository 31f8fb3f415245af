/**
 * Teams reply latency on loopback: activities posted to the real /api/messages at a steady 100
 * per second for 30 s (open loop: a slow reply does not slow the sender), each answered by the
 * bot core and posted to a loopback connector stand-in before the HTTP response returns. Baseline
 * in the same run: botbuilder's echo bot (CloudAdapter, `sendActivity(text)`) at the same rate
 * against the same stand-in. Goal: p99 ≤ 50 ms.
 */
import http from "node:http";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { HttpServer } from "../adapters/http/server.ts";
import { startEchoBaseline } from "../adapters/teams/echo-baseline.ts";
import { teamsMountWith } from "../adapters/teams/mount.ts";
import { loadConfig } from "../src/config/index.ts";
import { createLogger } from "../src/log/logger.ts";
import { openRuntime } from "../src/runtime/open-runtime.ts";
import { TeamsConnectorStandIn } from "../tests/support/teams-connector-stand-in.ts";
import { percentile, round, type Figure } from "./support/measure.ts";

function post(agent: http.Agent, url: URL, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(body);
  });
}

function activity(serviceUrl: string, i: number, text: string) {
  const user = `bench-user-${i % 20}`;
  return JSON.stringify({
    type: "message",
    id: `bench-${i}`,
    channelId: "msteams",
    serviceUrl,
    text,
    from: { id: `29:${user}`, name: user, aadObjectId: `aad-${user}` },
    recipient: { id: "28:bench-bot", name: "secretariat" },
    conversation: { id: `a:personal-${user}`, conversationType: "personal", tenantId: "bench-tenant" },
    localTimezone: "Europe/Brussels",
  });
}

/** Posts at `rate` per second for `seconds`; returns each request's latency (ms) and the failures. */
async function drive(url: URL, serviceUrl: string, text: string, rate: number, seconds: number): Promise<{ latencies: number[]; failures: number; achievedRate: number }> {
  // FIFO keeps every pooled connection busy; LIFO leaves some idle past the server's keep-alive
  // timeout, and reusing one of those races the server closing it (ECONNRESET in the client).
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64, scheduling: "fifo" });
  const latencies: number[] = [];
  let failures = 0;
  const causes = new Map<string, number>();
  const note = (cause: string) => {
    failures++;
    causes.set(cause, (causes.get(cause) ?? 0) + 1);
  };
  const total = rate * seconds;
  const pending: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    // Open loop: request i leaves at i/rate seconds, whatever the earlier ones are doing.
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const t0 = performance.now();
    pending.push(
      post(agent, url, activity(serviceUrl, i, text)).then(
        (status) => {
          if (status === 200) latencies.push(performance.now() - t0);
          else note(`HTTP ${status}`);
        },
        (e: Error & { code?: string }) => note(e.code ?? e.message),
      ),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  // Figures go to stdout; why requests failed goes to stderr for whoever reads the run.
  if (causes.size > 0) process.stderr.write(`${url.port}: failed requests ${JSON.stringify(Object.fromEntries(causes))}\n`);
  return { latencies, failures, achievedRate: total / ((performance.now() - started) / 1000) };
}

export async function* teamsBench(rate = 100, seconds = 30): AsyncGenerator<Figure> {
  const connector = await new TeamsConnectorStandIn().start();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-teams-"));
  const rt = await openRuntime(loadConfig({ DATABASE_URL: `file:${path.join(dir, "bench.db")}`, TEAMS_TRUST_ANY_SERVICE_URL: "1", TEAMS_ENABLE: "1" }), createLogger("silent"));
  const server = new HttpServer(rt.logger);
  if (!(await teamsMountWith().mount(server, rt))) throw new Error("the Teams endpoint did not mount");
  const address = await server.listen(0, "127.0.0.1");
  const url = new URL(`http://127.0.0.1:${address.port}/api/messages`);
  try {
    await drive(url, connector.url, "whoami", 50, 1); // warm-up: members created, code paths compiled
    connector.clear();
    const bot = await drive(url, connector.url, "whoami", rate, seconds);
    const replies = connector.messages.length;
    const echo = await startEchoBaseline();
    try {
      await drive(echo.url, connector.url, "hello", 50, 1);
      const base = await drive(echo.url, connector.url, "hello", rate, seconds);
      const p50 = percentile(bot.latencies, 50);
      const p99 = percentile(bot.latencies, 99);
      const b50 = percentile(base.latencies, 50);
      const b99 = percentile(base.latencies, 99);
      yield { name: "teams_reply_latency_p50_ms", value: round(p50, 2), unit: "ms" };
      yield { name: "teams_reply_latency_p99_ms", value: round(p99, 2), unit: "ms" };
      yield { name: "teams_activities_per_s", value: round(bot.achievedRate, 1), unit: "1/s" };
      yield { name: "teams_failed_requests", value: bot.failures, unit: "count" };
      // Answered 200 but no reply reached the connector (the reply's HTTP call failed inside the turn).
      yield { name: "teams_replies_missing", value: bot.latencies.length - replies, unit: "count" };
      yield { name: "baseline_botbuilder_echo_p50_ms", value: round(b50, 2), unit: "ms" };
      yield { name: "baseline_botbuilder_echo_p99_ms", value: round(b99, 2), unit: "ms" };
      yield { name: "baseline_botbuilder_echo_failed_requests", value: base.failures, unit: "count" };
      yield { name: "teams_vs_echo_p99_ratio", value: round(p99 / b99, 2), unit: "x" };
    } finally {
      await echo.close();
    }
  } finally {
    await server.close();
    await connector.close();
    await rt.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
