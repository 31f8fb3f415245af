/**
 * Memory and acks under load (issue 13 item 9): the real bot (`secretariat start` with Slack, its
 * own process) takes signed slash commands from 200 connections at once, a mix of questions and
 * commands from many users, then twenty 3.9 MB bodies at once (Bolt alone buffers up to 4 MB
 * before it checks a signature). Its resident set size is read from /proc before, every 100 ms
 * during, and after the load has drained and the bot has been idle a while. Goals: RSS after
 * ≤ 1.2 × before; ack p99 well under Slack's 3 s; 20 of 20 large bodies answered 413. The
 * baseline, in the same run under the same burst: a bare Bolt app that only acks (its own process).
 * The machine is shared, so the load average is printed beside the figures.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { tempDir } from "../tests/support/databases.ts";
import { SlackApiStandIn } from "../tests/support/slack-api-stand-in.ts";
import { slackSignature } from "../tests/support/slack-app.ts";
import { root, round, type Figure } from "./support/measure.ts";
import { freePort, rssMb, startProcess, stopProcess } from "./support/processes.ts";

type Burst = Awaited<ReturnType<typeof autocannon>>;

const SECRET = "bench-load-signing-secret";
const CONNECTIONS = 200;
const COMMANDS = Number(process.env.BENCH_SLACK_LOAD_COMMANDS ?? 6000);
const IDLE_MS = Number(process.env.BENCH_SLACK_LOAD_IDLE_MS ?? 30_000);
const USERS = 50;

// What delegates type: strategy questions (the index), deadlines and plans (the store), small talk.
const TEXTS = [
  "what are the operational objectives on information management?",
  "what does 3.a(ii) say?",
  "which strategy talks about Naples II?",
  "deadlines",
  "current plan",
  "whoami",
  "help",
  "what is overdue?",
  "how do customs cooperate with Europol on drug trafficking?",
  "calendar",
];

let seq = 0;

function signed(body: string, contentType: string): { body: string; headers: Record<string, string> } {
  const ts = Math.floor(Date.now() / 1000);
  return { body, headers: { "content-type": contentType, "x-slack-request-timestamp": String(ts), "x-slack-signature": slackSignature(SECRET, ts, body) } };
}

function command(stand: SlackApiStandIn): { body: string; headers: Record<string, string> } {
  const n = ++seq;
  const body = new URLSearchParams({
    team_id: "T1",
    channel_id: "C1",
    user_id: `ULOAD${n % USERS}`,
    command: "/wp",
    text: TEXTS[n % TEXTS.length]!,
    response_url: stand.responseUrl(`load${n}`),
    trigger_id: `load.${n}`,
  }).toString();
  return signed(body, "application/x-www-form-urlencoded");
}

/** Samples a process's RSS every 100 ms until stopped; returns the peak. */
function sampler(pid: number): { stop(): number } {
  let peak = rssMb(pid);
  const t = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 100);
  return {
    stop() {
      clearInterval(t);
      return Math.max(peak, rssMb(pid));
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** 200 connections, `COMMANDS` signed commands between them; counts the acks that said "busy". */
async function burst(url: string, stand: SlackApiStandIn): Promise<{ result: Burst; busy: number }> {
  let busy = 0;
  const result = await autocannon({
    url,
    method: "POST",
    connections: CONNECTIONS,
    amount: COMMANDS,
    requests: [
      {
        method: "POST",
        setupRequest: (req) => ({ ...req, ...command(stand) }),
        // A full queue answers in the ack itself ("busy"); no response_url post follows.
        onResponse: (status, body) => void (status === 200 && body.length > 0 && busy++),
      },
    ],
  });
  return { result, busy };
}

/** The load average over the last minute, and over five, beside each figure (a shared machine). */
function* loadAverage(when: string): Generator<Figure> {
  const [one, five] = os.loadavg();
  yield { name: `machine_load_average_1m_${when}`, value: round(one!, 2), unit: "processes" };
  yield { name: `machine_load_average_5m_${when}`, value: round(five!, 2), unit: "processes" };
}

export async function* slackLoadBench(): AsyncGenerator<Figure> {
  const stand = await new SlackApiStandIn().start();
  for (let i = 0; i < USERS; i++) stand.users[`ULOAD${i}`] = { name: `Delegate ${i}`, tz: "Europe/Brussels" };
  const dir = tempDir("bench-slack-load-");
  const port = await freePort();
  const bot = await startProcess(
    [path.join(root, "bin/secretariat.js"), "start"],
    { DATABASE_URL: `file:${dir}/bench.db`, SLACK_BOT_TOKEN: "xoxb-bench", SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: stand.apiUrl, PORT: String(port), HOST: "127.0.0.1" },
    /secretariat-bot serving/,
  );
  const bare = await startProcess(["--import", "tsx", path.join(root, "bench/support/bare-bolt.ts")], { SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: stand.apiUrl }, /ready (\d+)/);
  const pid = bot.child.pid!;
  const url = `http://127.0.0.1:${port}/slack/events`;
  const bareUrl = `http://127.0.0.1:${bare.match[1]}/slack/events`;
  try {
    // Warm up (JIT, the index, member rows) so "before" is the bot at work, not the bot just started.
    const warm = (u: string) => autocannon({ url: u, method: "POST", connections: 5, amount: 200, requests: [{ method: "POST", setupRequest: (req) => ({ ...req, ...command(stand) }) }] });
    await warm(url);
    await warm(bareUrl);
    await stand.until(() => stand.responses.filter((r) => r.id.startsWith("load")).length >= 200 || undefined, 120_000).catch(() => undefined);
    await sleep(5000);
    const before = rssMb(pid);
    yield* loadAverage("before");
    yield { name: "slack_load_rss_before_mb", value: round(before, 1), unit: "MB" };

    const answeredBefore = stand.responses.length;
    const peak = sampler(pid);
    const t0 = performance.now();
    const { result: load, busy } = await burst(url, stand);
    const ackSeconds = (performance.now() - t0) / 1000;
    yield* loadAverage("during");
    const drained = await stand
      .until(() => {
        const n = stand.responses.length - answeredBefore;
        return n >= load["2xx"] - busy ? n : undefined;
      }, 600_000)
      .catch(() => stand.responses.length - answeredBefore);
    const drainSeconds = (performance.now() - t0) / 1000;

    // Twenty 3.9 MB bodies at once, signed: the server refuses them by Content-Length. Anything
    // but a 413 (a reset connection is 0) is counted apart.
    const big = "x".repeat(3.9 * 1024 * 1024);
    const bodies = await Promise.all(
      Array.from({ length: 20 }, () => {
        const { body, headers } = signed(`payload=${big}`, "application/x-www-form-urlencoded");
        return fetch(url, { method: "POST", headers, body })
          .then((r) => r.status)
          .catch(() => 0);
      }),
    );
    const peakMb = peak.stop();

    // The baseline: the same burst to a Bolt app that only acks, after the bot's load has drained.
    await sleep(2000);
    const { result: base } = await burst(bareUrl, stand);
    yield* loadAverage("baseline");

    yield { name: "slack_load_connections", value: CONNECTIONS, unit: "connections" };
    yield { name: "slack_load_commands_sent", value: COMMANDS, unit: "requests" };
    yield { name: "slack_load_acked_2xx", value: load["2xx"], unit: "requests" };
    yield { name: "slack_load_refused_or_failed", value: load.non2xx + load.errors + load.timeouts, unit: "requests" };
    yield { name: "slack_load_answered", value: drained, unit: "answers" };
    yield { name: "slack_load_told_busy", value: busy, unit: "requests" };
    yield { name: "slack_load_acks_seconds", value: round(ackSeconds, 1), unit: "s" };
    yield { name: "slack_load_drained_seconds", value: round(drainSeconds, 1), unit: "s" };
    yield { name: "slack_load_ack_p50_ms", value: round(load.latency.p50, 1), unit: "ms" };
    yield { name: "slack_load_ack_p99_ms", value: round(load.latency.p99, 1), unit: "ms" };
    yield { name: "slack_load_ack_max_ms", value: round(load.latency.max, 1), unit: "ms" };
    yield { name: "baseline_bare_bolt_ack_p50_ms", value: round(base.latency.p50, 1), unit: "ms" };
    yield { name: "baseline_bare_bolt_ack_p99_ms", value: round(base.latency.p99, 1), unit: "ms" };
    yield { name: "baseline_bare_bolt_failed", value: base.non2xx + base.errors + base.timeouts, unit: "requests" };
    yield { name: "slack_load_ack_p99_vs_bare_bolt_ratio", value: round(load.latency.p99 / Math.max(base.latency.p99, 0.001), 2), unit: "x" };
    yield { name: "slack_load_large_bodies_refused_413", value: bodies.filter((s) => s === 413).length, unit: "of 20" };
    yield { name: "slack_load_large_bodies_other", value: bodies.filter((s) => s !== 413).length, unit: "of 20" };
    yield { name: "slack_load_rss_peak_mb", value: round(peakMb, 1), unit: "MB" };

    // Idle: the bot's own timers run, nothing comes in; the memory the load took should go back.
    await sleep(IDLE_MS);
    const after = rssMb(pid);
    yield { name: "slack_load_rss_after_mb", value: round(after, 1), unit: "MB" };
    yield { name: "slack_load_rss_after_vs_before_ratio", value: round(after / before, 2), unit: "x" };
    yield* loadAverage("after");
  } finally {
    await stopProcess(bot.child);
    await stopProcess(bare.child);
    await stand.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
