/**
 * Fault script for exactly-once reminders (`npm run fault`; not a test: it takes minutes). Runs N
 * rounds of each scenario and counts digests lost (expected, never received) and duplicated
 * (received more than once). First, at a loopback recorder standing in for the platform:
 *   a) two processes tick the same instant on one PostgreSQL database
 *   b) the same on one SQLite file
 *   c) a process is killed with SIGKILL at a random moment mid-tick, then restarted
 *   d) the platform answers 429 (Retry-After: 1) to every first attempt, then 200
 * Then issue 13's items 1–5 through the real Slack messenger against a Slack Web API stand-in in a
 * process of its own (s1 … s5), and the same faults through the real Teams messenger against a Bot
 * Framework connector stand-in in a process of its own (t1 … t6), on SQLite and on PostgreSQL
 * (platform-faults.ts).
 * Prints one JSON object per scenario: {"scenario","rounds","expected","received","lost","duplicated"},
 * and the load average before and after.
 * `npm run fault -- s1 t3` runs only those; FAULT_ROUNDS sets the rounds (default 30), FAULT_DB
 * one database (sqlite or postgresql).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { loadConfig } from "../../src/config/index.ts";
import { createLogger } from "../../src/log/logger.ts";
import { openRuntime } from "../../src/runtime/open-runtime.ts";
import { addCivilDays, instantAt } from "../../src/time/civil-date.ts";
import { freshDatabase, StandIn } from "./processes.ts";
import { slackScenarios, teamsScenarios } from "./platform-faults.ts";

const ROUNDS = Number(process.env.FAULT_ROUNDS ?? 30);
const CHANNELS = 8; // digests per round: one per reminders channel
const root = path.resolve(import.meta.dirname, "../..");

/** The platform stand-in: counts each key it accepts; optional 429 on first attempts; optional delay. */
function startRecorder(opts: { first429?: boolean; delayMs?: number }) {
  const received = new Map<string, number>();
  const hooks = { afterAccept: null as null | (() => void) };
  const attempts = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, "http://x");
    if (req.method === "GET" && url.pathname === "/sent") {
      const key = url.searchParams.get("key")!;
      return void (received.has(key) ? res.writeHead(200).end(`ref:${key}`) : res.writeHead(404).end());
    }
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const { key } = JSON.parse(body) as { key: string };
      const n = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, n);
      if (opts.first429 && n === 1) return void res.writeHead(429, { "retry-after": "1" }).end();
      setTimeout(() => {
        received.set(key, (received.get(key) ?? 0) + 1);
        res.writeHead(200).end(`ref:${key}`);
        hooks.afterAccept?.();
      }, opts.delayMs ?? 0);
    });
  });
  return new Promise<{ url: string; received: Map<string, number>; hooks: typeof hooks; close(): void }>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, received, hooks, close: () => server.close() })),
  );
}

/** One plan whose deadlines fall one per round, each reminded (14 days before) on every channel. */
async function prepare(url: string): Promise<string[]> {
  const rt = await openRuntime(loadConfig({ DATABASE_URL: url }), createLogger("silent"));
  const db = rt.store.db;
  const wp = await db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } });
  await db.channelBinding.deleteMany({ where: { workingPartyId: wp.id, purpose: "reminders" } });
  for (let c = 0; c < CHANNELS; c++) await db.channelBinding.create({ data: { workingPartyId: wp.id, platform: "console", channelId: `#fault-${c}`, name: `#fault-${c}`, purpose: "reminders" } });
  // Only the 14-days-before rule, so each round's instant has exactly one slot.
  await db.reminderRule.updateMany({ where: { workingPartyId: wp.id, NOT: { kind: "before", offsetDays: 14 } }, data: { enabled: false } });
  const plan = await db.actionPlan.create({ data: { workingPartyId: wp.id, number: 90, title: "Fault plan", startDate: "2030-01-01", endDate: "2031-06-30", adoptNextBy: "2031-04-30" } });
  const instants: string[] = [];
  let day = "2030-01-15"; // a Tuesday
  for (let r = 0; r < ROUNDS; r++) {
    const action = await db.action.create({ data: { planId: plan.id, ord: r, code: `90.${r}`, title: `Fault action ${r}` } });
    await db.deadline.create({ data: { planId: plan.id, actionId: action.id, text: day, precision: "day", dueDate: addCivilDays(day, 14) } });
    instants.push(instantAt(day, "09:00", wp.timeZone).toISOString());
    day = addCivilDays(day, 7); // same weekday, never a weekend
  }
  await rt.close();
  return instants;
}

function tickProcess(url: string, recorder: string, instant: string, env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts/fault/ticker.ts"), instant], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", DATABASE_URL: url, RECORDER_URL: recorder, LOG_LEVEL: "silent", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
}
const exited = (p: ChildProcess) => new Promise<void>((r) => (p.exitCode !== null || p.signalCode !== null ? r() : p.once("exit", () => r())));

/** Reminders a ticker left open (its last line), or -1 when it printed none. */
function openAfter(p: ChildProcess): Promise<number> {
  let out = "";
  p.stdout!.on("data", (d: Buffer) => (out += d.toString("utf8")));
  return exited(p).then(() => Number(/open (\d+)/.exec(out)?.[1] ?? -1));
}

async function scenario(name: string, kind: "sqlite" | "postgresql", run: (url: string, recorder: string, instant: string, round: number) => Promise<void>, opts: { first429?: boolean; delayMs?: number } = {}) {
  const url = await freshDatabase(kind);
  const instants = await prepare(url);
  const recorder = await startRecorder(opts);
  midSendKills.n = 0;
  recorderForKills = recorder.received;
  recorderHooks = recorder.hooks;
  for (let r = 0; r < instants.length; r++) await run(url, recorder.url, instants[r]!, r);
  const expected = ROUNDS * CHANNELS;
  const received = [...recorder.received.values()];
  const out = {
    scenario: name,
    ...(midSendKills.n ? { killsBetweenSends: midSendKills.n } : {}),
    rounds: ROUNDS,
    expected,
    received: received.reduce((a, b) => a + b, 0),
    lost: expected - recorder.received.size,
    duplicated: received.filter((n) => n > 1).reduce((a, n) => a + n - 1, 0),
  };
  recorder.close();
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

/** Rounds of (c) whose kill landed after some of the round's digests were sent and before all were. */
const midSendKills = { n: 0 };
let recorderForKills: Map<string, number> | null = null;
let recorderHooks: { afterAccept: null | (() => void) } | null = null;

const later = (iso: string, minutes: number) => new Date(new Date(iso).getTime() + minutes * 60_000).toISOString();

process.stdout.write(`${JSON.stringify({ loadAverageAtStart: os.loadavg().map((n) => Math.round(n * 100) / 100) })}\n`);
const only = process.argv.slice(2);
const want = (s: string) => only.length === 0 || only.includes(s);

if (want("a")) await scenario("a: two processes, same instant, PostgreSQL", "postgresql", async (url, rec, at) => {
  await Promise.all([exited(tickProcess(url, rec, at)), exited(tickProcess(url, rec, at))]);
});
if (want("b")) await scenario("b: two processes, same instant, SQLite", "sqlite", async (url, rec, at) => {
  await Promise.all([exited(tickProcess(url, rec, at)), exited(tickProcess(url, rec, at))]);
});
/** Scenario c's lease: short, so a killed copy's rows are free again within the run. */
const KILL_LEASE = { FAULT_LEASE_MS: "1500" };
if (want("c")) await scenario("c: SIGKILL mid-tick, restart (SQLite)", "sqlite", async (url, rec, at, round) => {
  const p = tickProcess(url, rec, at, KILL_LEASE);
  if (round % 2 === 0) {
    // Even rounds: killed at a random moment after the tick began (planning, claiming or sending).
    await new Promise<void>((r) => p.stdout!.once("data", () => r()));
    await new Promise((r) => setTimeout(r, Math.random() * 400));
  } else {
    // Odd rounds: the hardest moment, right after the platform accepted the k-th digest and before
    // the sender could record it (k random), so the restart must find it already sent.
    const k = 1 + Math.floor(Math.random() * (CHANNELS - 1));
    let seen = 0;
    await new Promise<void>((r) => {
      recorderHooks!.afterAccept = () => {
        if (++seen === k) r();
      };
      p.once("exit", () => r());
    });
    recorderHooks!.afterAccept = null;
  }
  p.kill("SIGKILL");
  await exited(p);
  const sentThisRound = recorderForKills!.size - CHANNELS * round;
  if (sentThisRound > 0 && sentThisRound < CHANNELS) midSendKills.n++;
  // The lease is counted on the wall clock, so the killed copy's rows are taken over once it has
  // run out in real time: restart ticks until nothing is left open (each a process of its own).
  for (let i = 0; (await openAfter(tickProcess(url, rec, later(at, 3 + i), KILL_LEASE))) !== 0; i++)
    if (i === 20) throw new Error("fault script: reminders still open after 20 restarts");
}, { delayMs: 15 });
if (want("d")) await scenario("d: platform answers 429 then 200 (SQLite)", "sqlite", async (url, rec, at) => {
  await exited(tickProcess(url, rec, at));
  await exited(tickProcess(url, rec, later(at, 2)));
}, { first429: true });

for (const [platform, scenarios] of [["slack", slackScenarios], ["teams", teamsScenarios]] as const) {
  const names = Object.keys(scenarios).filter(want);
  if (names.length === 0) continue;
  // The two databases run side by side, each with a stand-in of its own (switches are global).
  const kinds = (["sqlite", "postgresql"] as const).filter((k) => !process.env.FAULT_DB || process.env.FAULT_DB === k);
  const standIns = await Promise.all(kinds.map(() => StandIn.start(platform)));
  try {
    for (const name of names) {
      await Promise.all(
        kinds.map(async (kind, i) => {
          const started = Date.now();
          const line = await scenarios[name]!(standIns[i]!, kind, Math.min(ROUNDS, 60));
          process.stdout.write(`${JSON.stringify({ ...line, seconds: Math.round((Date.now() - started) / 1000) })}\n`);
        }),
      );
    }
  } finally {
    for (const s of standIns) s.stop();
  }
}
process.stdout.write(`${JSON.stringify({ loadAverageAtEnd: os.loadavg().map((n) => Math.round(n * 100) / 100) })}\n`);
