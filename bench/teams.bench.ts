/**
 * Teams reply latency on loopback, on the Microsoft 365 Agents SDK: activities posted to the real
 * /api/messages of the real bot (`secretariat start` in local Teams mode, its own process) at a
 * steady 100 per second for 30 s (open loop: a slow reply does not slow the sender), each answered
 * by the bot core and posted to a loopback connector stand-in before the HTTP response returns.
 * Baseline in the same run: the SDK's own echo agent (AgentApplication, `sendActivity(text)`), also
 * in its own process, at the same rate against the same stand-in. The driver and the stand-in
 * share this process; the load average is printed beside the figures. Then the same load against a
 * connector that drops every 50th request (2 %): every reply must still arrive, once.
 * Goals: p99 ≤ 50 ms; 0 replies lost.
 */
import http from "node:http";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../src/config/index.ts";
import { createLogger } from "../src/log/logger.ts";
import { openRuntime } from "../src/runtime/open-runtime.ts";
import { TeamsConnectorStandIn } from "../tests/support/teams-connector-stand-in.ts";
import { percentile, root, round, type Figure } from "./support/measure.ts";
import { freePort, startProcess, stopProcess } from "./support/processes.ts";

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

function activity(serviceUrl: string, i: number, text: string, prefix = "bench") {
  const user = `bench-user-${i % 20}`;
  return JSON.stringify({
    type: "message",
    id: `${prefix}-${i}`,
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
async function drive(url: URL, serviceUrl: string, text: string, rate: number, seconds: number, prefix = "bench"): Promise<{ latencies: number[]; failures: number; achievedRate: number }> {
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
      post(agent, url, activity(serviceUrl, i, text, prefix)).then(
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
  const databaseUrl = `file:${path.join(dir, "bench.db")}`;
  const port = await freePort();
  const bot = await startProcess([path.join(root, "bin/secretariat.js"), "start"], { DATABASE_URL: databaseUrl, TEAMS_ENABLE: "1", HOST: "127.0.0.1", PORT: String(port)}, /secretariat-bot serving/);
  const url = new URL(`http://127.0.0.1:${port}/api/messages`);
  try {
    yield { name: "machine_load_average_1m_before", value: round(os.loadavg()[0]!, 2), unit: "processes" };
    await drive(url, connector.url, "whoami", 50, 1); // warm-up: members created, code paths compiled
    connector.clear();
    const bot1 = await drive(url, connector.url, "whoami", rate, seconds);
    const replies = connector.messages.length;
    const echo = await startProcess([path.join(root, "bench/support/echo-agent-process.ts")], {}, /echo agent listening on (\S+)/);
    try {
      const echoUrl = new URL(echo.match[1]!);
      await drive(echoUrl, connector.url, "hello", 50, 1);
      const base = await drive(echoUrl, connector.url, "hello", rate, seconds);
      const p50 = percentile(bot1.latencies, 50);
      const p99 = percentile(bot1.latencies, 99);
      const b50 = percentile(base.latencies, 50);
      const b99 = percentile(base.latencies, 99);
      yield { name: "teams_reply_latency_p50_ms", value: round(p50, 2), unit: "ms" };
      yield { name: "teams_reply_latency_p99_ms", value: round(p99, 2), unit: "ms" };
      yield { name: "teams_activities_per_s", value: round(bot1.achievedRate, 1), unit: "1/s" };
      yield { name: "teams_failed_requests", value: bot1.failures, unit: "count" };
      // Answered 200 but no reply reached the connector (the reply's HTTP call failed inside the turn).
      yield { name: "teams_replies_missing", value: bot1.latencies.length - replies, unit: "count" };
      yield { name: "baseline_agents_sdk_echo_p50_ms", value: round(b50, 2), unit: "ms" };
      yield { name: "baseline_agents_sdk_echo_p99_ms", value: round(b99, 2), unit: "ms" };
      yield { name: "baseline_agents_sdk_echo_failed_requests", value: base.failures, unit: "count" };
      yield { name: "teams_vs_echo_p99_ratio", value: round(p99 / b99, 2), unit: "x" };
    } finally {
      await stopProcess(echo.child);
    }

    // The same load against a connector that drops 2 % of requests: each activity's reply, by its
    // key (teams-reply:<conversation>:<activity>:1), must reach the connector exactly once.
    connector.clear();
    connector.dropEvery(50);
    const flaky = await drive(url, connector.url, "whoami", rate, seconds, "flaky");
    connector.dropEvery(0);
    const keys = new Map<string, number>();
    for (const m of connector.messages) {
      const key = (m.body?.channelData as Record<string, string> | undefined)?.secretariatDeliveryKey;
      if (key) keys.set(key, (keys.get(key) ?? 0) + 1);
    }
    const expected = Array.from({ length: rate * seconds }, (_, i) => `teams-reply:a:personal-bench-user-${i % 20}:flaky-${i}:1`);
    yield { name: "teams_dropping_connector_dropped_requests", value: connector.dropped, unit: "count" };
    yield { name: "teams_dropping_connector_replies_lost", value: expected.filter((k) => !keys.has(k)).length, unit: "count" };
    yield { name: "teams_dropping_connector_replies_duplicated", value: [...keys.values()].filter((n) => n > 1).length, unit: "count" };
    yield { name: "teams_dropping_connector_failed_requests", value: flaky.failures, unit: "count" };
    yield { name: "teams_dropping_connector_p99_ms", value: round(percentile(flaky.latencies, 99), 2), unit: "ms" };
    yield { name: "machine_load_average_1m_after", value: round(os.loadavg()[0]!, 2), unit: "processes" };
    // Replies that went through the outbox after their first attempt failed, read from the bot's store once it stopped.
    await stopProcess(bot.child);
    const rt = await openRuntime(loadConfig({ DATABASE_URL: databaseUrl }), createLogger("silent"));
    try {
      yield { name: "teams_dropping_connector_replies_from_outbox", value: await rt.store.db.delivery.count({ where: { kind: "reply" } }), unit: "count" };
    } finally {
      await rt.close();
    }
  } finally {
    await stopProcess(bot.child);
    await connector.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
