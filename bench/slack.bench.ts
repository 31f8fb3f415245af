/**
 * Slack ack latency: the real bot (`secretariat start`: store, core, Bolt on the shared HTTP
 * server) in its own process under 200 signed `/wp whoami` requests per second for 30 s from
 * autocannon on loopback, beside a bare Bolt app that only acks (also its own process), measured
 * in the same run under the same load. Goal: p99 ≤ 20 ms. Then the time from a slash command to
 * its answer arriving at the Web API stand-in (the response_url), one command at a time.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { openLoop } from "./support/open-loop.ts";
import { tempDir } from "../tests/support/databases.ts";
import { SlackApiStandIn } from "../tests/support/slack-api-stand-in.ts";
import { slackSignature } from "../tests/support/slack-app.ts";
import { percentile, root, round, type Figure } from "./support/measure.ts";
import { freePort, startProcess, stopProcess as stop } from "./support/processes.ts";

const SECRET = "bench-signing-secret";
const RATE = 200;
const SECONDS = Number(process.env.BENCH_SLACK_SECONDS ?? 30);

let seq = 0;

/** A slash command signed now; each one is new (its own trigger_id), as Slack's are. */
function signedCommand(stand: SlackApiStandIn, responseId: string): { body: string; headers: Record<string, string> } {
  const ts = Math.floor(Date.now() / 1000);
  const body = new URLSearchParams({ team_id: "T1", channel_id: "C1", user_id: "UBENCH", command: "/wp", text: "whoami", response_url: stand.responseUrl(responseId), trigger_id: `t.${++seq}` }).toString();
  return { body, headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": String(ts), "x-slack-signature": slackSignature(SECRET, ts, body) } };
}

export async function* slackBench(): AsyncGenerator<Figure> {
  const stand = await new SlackApiStandIn().start();
  const dir = tempDir("bench-slack-");
  const port = await freePort();
  const bot = await startProcess(
    [path.join(root, "bin/secretariat.js"), "start"],
    { DATABASE_URL: `file:${dir}/bench.db`, SLACK_BOT_TOKEN: "xoxb-bench", SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: stand.apiUrl, PORT: String(port), HOST: "127.0.0.1" },
    /secretariat-bot serving/,
  );
  const bare = await startProcess(["--import", "tsx", path.join(root, "bench/support/bare-bolt.ts")], { SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: stand.apiUrl }, /ready (\d+)/);
  const url = `http://127.0.0.1:${port}/slack/events`;
  const bareUrl = `http://127.0.0.1:${bare.match[1]}/slack/events`;
  try {
    // Warm both (JIT, the users.info cache, the member row) before measuring.
    // Every request signed afresh: the bot refuses a signature it has seen (issue 13 item 7).
    const fresh = (id: string) => [{ method: "POST", setupRequest: (req: object) => ({ ...req, ...signedCommand(stand, id) }) }];
    for (const u of [url, bareUrl]) await autocannon({ url: u, method: "POST", requests: fresh("warm"), connections: 5, amount: 300 });
    const run = (u: string) => autocannon({ url: u, method: "POST", requests: fresh("load"), connections: 20, overallRate: RATE, duration: SECONDS });
    // Shared machines skew every latency; the load beside the run says how much.
    yield { name: "machine_load_average_1m_before", value: round(os.loadavg()[0]!, 2), unit: "processes" };
    const ours = await run(url);
    const base = await run(bareUrl);
    yield { name: "slack_ack_load_rps", value: RATE, unit: "req/s" };
    yield { name: "slack_ack_load_seconds", value: SECONDS, unit: "s" };
    yield { name: "slack_ack_p50_ms", value: round(ours.latency.p50, 2), unit: "ms" };
    yield { name: "slack_ack_p99_ms", value: round(ours.latency.p99, 2), unit: "ms" };
    yield { name: "slack_ack_failed_requests", value: ours.non2xx + ours.errors + ours.timeouts, unit: "requests" };
    yield { name: "baseline_bare_bolt_ack_p50_ms", value: round(base.latency.p50, 2), unit: "ms" };
    yield { name: "baseline_bare_bolt_ack_p99_ms", value: round(base.latency.p99, 2), unit: "ms" };
    yield { name: "slack_ack_p99_vs_bare_bolt_ratio", value: round(ours.latency.p99 / Math.max(base.latency.p99, 0.001), 2), unit: "x" };

    // The same rate, evenly spaced (autocannon fills a per-second quota in bursts).
    await new Promise((r) => setTimeout(r, 2000));
    const even = await openLoop(url, () => signedCommand(stand, "even"), RATE, SECONDS);
    const evenBare = await openLoop(bareUrl, () => signedCommand(stand, "even"), RATE, SECONDS);
    yield { name: "slack_ack_evenly_spaced_p50_ms", value: round(even.p50, 2), unit: "ms" };
    yield { name: "slack_ack_evenly_spaced_p99_ms", value: round(even.p99, 2), unit: "ms" };
    yield { name: "slack_ack_evenly_spaced_failed_requests", value: even.failed, unit: "requests" };
    yield { name: "baseline_bare_bolt_ack_evenly_spaced_p50_ms", value: round(evenBare.p50, 2), unit: "ms" };
    yield { name: "baseline_bare_bolt_ack_evenly_spaced_p99_ms", value: round(evenBare.p99, 2), unit: "ms" };

    // Slash command → answer at the stand-in, one at a time, after the load has drained.
    await new Promise((r) => setTimeout(r, 2000));
    const times: number[] = [];
    for (let i = 0; i < 100; i++) {
      const id = `e2e${i}`;
      const { body, headers } = signedCommand(stand, id);
      const t = performance.now();
      await fetch(url, { method: "POST", headers, body });
      const answer = await stand.until(() => stand.responses.find((r) => r.id === id));
      times.push(answer.at - t);
    }
    yield { name: "slack_command_to_answer_p50_ms", value: round(percentile(times, 50), 2), unit: "ms" };
    yield { name: "slack_command_to_answer_p99_ms", value: round(percentile(times, 99), 2), unit: "ms" };
  } finally {
    await stop(bot.child);
    await stop(bare.child);
    await stand.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
