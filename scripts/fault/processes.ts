/**
 * The fault script's processes: the Slack or Teams stand-in (started once, outlives every bot), copies of
 * the bot (scripts/fault/bot.ts, driven line by line, killed with SIGKILL where a scenario says),
 * the one-shot CLI, and a fresh database per scenario on SQLite or PostgreSQL.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import pg from "pg";

export type DbKind = "sqlite" | "postgresql";
export type Platform = "slack" | "teams";
const PG_BASE = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
export const root = path.resolve(import.meta.dirname, "../..");
let dbSeq = 0;

export async function freshDatabase(kind: DbKind): Promise<string> {
  if (kind === "sqlite") return `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fault-")), "fault.db")}`;
  const name = `fault_${Date.now()}_${process.pid}_${++dbSeq}`;
  const c = new pg.Client({ connectionString: PG_BASE });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(PG_BASE);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Lines a child prints, one at a time. */
function lines(p: ChildProcess): () => Promise<string | null> {
  const queue: string[] = [];
  const waiting: ((l: string | null) => void)[] = [];
  let closed = false;
  const rl = readline.createInterface({ input: p.stdout! });
  rl.on("line", (l) => (waiting.length ? waiting.shift()!(l) : queue.push(l)));
  rl.on("close", () => {
    closed = true;
    while (waiting.length) waiting.shift()!(null);
  });
  return () => (queue.length ? Promise.resolve(queue.shift()!) : closed ? Promise.resolve(null) : new Promise((r) => waiting.push(r)));
}

export interface Post {
  channel: string;
  text: string;
  key: string | null;
  part: number;
}

/** The platform's stand-in process and its switches (slack-stand-in.ts: the Web API; teams-stand-in.ts: the connector). */
export class StandIn {
  private readonly proc: ChildProcess;
  readonly url: string;
  readonly platform: Platform;

  private constructor(proc: ChildProcess, url: string, platform: Platform) {
    this.proc = proc;
    this.url = url.replace(/\/$/, "");
    this.platform = platform;
  }

  static async start(platform: Platform = "slack"): Promise<StandIn> {
    const proc = spawn(process.execPath, [path.join(root, `scripts/fault/${platform}-stand-in.ts`)], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
    const url = await lines(proc)();
    if (!url) throw new Error(`the ${platform} stand-in did not start`);
    return new StandIn(proc, url, platform);
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** What a bot process needs to send there: Slack's token and API URL, or Teams' connector (local mode, loopback). */
  get botEnv(): Record<string, string> {
    return this.platform === "slack"
      ? { SLACK_BOT_TOKEN: "xoxb-fault", SLACK_SIGNING_SECRET: "fault-secret", SLACK_API_URL: this.apiUrl }
      : { FAULT_PLATFORM: "teams", FAULT_TEAMS_SERVICE_URL: `${this.url}/`, TEAMS_ENABLE: "1", HOST: "127.0.0.1" };
  }

  private async control(what: string, body?: unknown): Promise<{ held: number; posts?: Post[] }> {
    const r = await fetch(`${this.url}/control/${what}`, { method: "POST", body: JSON.stringify(body ?? {}) });
    return (await r.json()) as { held: number; posts?: Post[] };
  }

  /** Sets switches; `reset` first turns every switch off. */
  switch(s: Record<string, unknown>): Promise<unknown> {
    return this.control("switch", s);
  }

  chatter(channel: string, n: number): Promise<unknown> {
    return this.control("chatter", { channel, n });
  }

  async posts(): Promise<Post[]> {
    return (await this.control("state")).posts!;
  }

  async held(): Promise<number> {
    return (await this.control("state")).held;
  }

  /** Polls the stand-in until `check` holds (the stand-in, not a timer, says when). */
  async until(check: (s: StandIn) => Promise<boolean>, what: string, tries = 6000): Promise<void> {
    for (let i = 0; i < tries; i++) {
      if (await check(this)) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`fault script: ${what} did not happen`);
  }

  stop(): void {
    this.proc.kill("SIGTERM");
  }
}

export interface BotAnswer {
  ok: boolean;
  error?: string;
  open?: number;
  outcomes?: Record<string, number>;
}

/** One copy of the bot (scripts/fault/bot.ts) on a database, sending to the stand-in. */
export class Bot {
  private readonly proc: ChildProcess;
  private readonly next: () => Promise<string | null>;

  private constructor(proc: ChildProcess) {
    this.proc = proc;
    this.next = lines(proc);
  }

  static async start(databaseUrl: string, standIn: StandIn, env: Record<string, string> = {}): Promise<Bot> {
    const proc = spawn(process.execPath, [path.join(root, "scripts/fault/bot.ts")], {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", DATABASE_URL: databaseUrl, ...standIn.botEnv, LOG_LEVEL: "silent", ...env },
      stdio: ["pipe", "pipe", "inherit"],
    });
    const bot = new Bot(proc);
    const first = await bot.next();
    if (!first?.includes("ready")) throw new Error(`fault bot did not start: ${first}`);
    return bot;
  }

  /** Sends one command; its answer (null when the process died first). */
  async run(cmd: Record<string, unknown>): Promise<BotAnswer | null> {
    this.proc.stdin!.write(`${JSON.stringify(cmd)}\n`);
    const l = await this.next();
    if (l === null) return null;
    const a = JSON.parse(l) as BotAnswer;
    if (!a.ok) throw new Error(`fault bot: ${a.error}`);
    return a;
  }

  kill(): Promise<void> {
    const gone = new Promise<void>((r) => (this.proc.exitCode !== null || this.proc.signalCode !== null ? r() : this.proc.once("exit", () => r())));
    this.proc.kill("SIGKILL");
    return gone;
  }

  async exit(): Promise<void> {
    const gone = new Promise<void>((r) => this.proc.once("exit", () => r()));
    this.proc.stdin!.write(`${JSON.stringify({ op: "exit" })}\n`);
    await gone;
  }
}

/** `secretariat ARGS` with stdout a pipe, as a script reads it: its whole output and exit status. */
export function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [path.join(root, "bin/secretariat.js"), ...args], { cwd: root, env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "silent", ...env }, stdio: ["ignore", "pipe", "ignore"] });
    const chunks: Buffer[] = [];
    p.stdout!.on("data", (d: Buffer) => chunks.push(d));
    p.on("close", (code) => resolve({ code, stdout: Buffer.concat(chunks).toString("utf8") }));
  });
}
