/**
 * A stand-in for Slack's Web API on loopback: records every call (method, arguments, token) so
 * tests assert on what was really sent, answers like Slack, fails on request (429, 5xx, a
 * platform error), serves response_urls and file upload URLs, and for Socket Mode hands out a
 * WebSocket URL of its own. Every Block Kit payload it receives is checked against Slack's limits.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { messageViolations, viewViolations } from "./slack-limits.ts";

export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  token?: string;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
  /** performance.now() when it arrived */
  at: number;
}

/**
 * How the next call fails; `pass` lets it through (to fail a later one). `reset` drops the
 * connection without an answer (as when Slack closes a kept-alive socket); `holdMs` handles the
 * call (a post is accepted and stored) but answers only after that long.
 */
type Failure = { status?: number; retryAfter?: number; error?: string; pass?: boolean; reset?: boolean; holdMs?: number };

interface StoredMessage {
  ts: string;
  text?: string;
  metadata?: unknown;
}

export class SlackApiStandIn {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  readonly uploads: { id: string; bytes: number }[] = [];
  /** limit violations found in any payload received */
  readonly violations: string[] = [];
  /** what the app sent back over the socket (acks with envelope_id) */
  readonly socketAcks: Record<string, unknown>[] = [];
  users: Record<string, { name: string; tz?: string }> = {};
  /** channels the bot is not a member of: posting there answers not_in_channel; a public one can be joined */
  readonly notJoined = new Map<string, "public" | "private">();
  private readonly failures = new Map<string, Failure[]>();
  private readonly holds = new Map<string, Promise<void>>();
  private readonly history = new Map<string, StoredMessage[]>();
  private readonly server: http.Server;
  private readonly wss = new WebSocketServer({ noServer: true });
  private sockets: WebSocket[] = [];
  private seq = 0;
  private lastTs = 0;
  /** the stand-in's clock in milliseconds (Slack's servers have their own) */
  clock: () => number = () => Date.now(); // real-clock: Slack stamps messages with the real time
  base = "";

  constructor() {
    this.server = http.createServer((req, res) => void this.serve(req, res));
    this.server.on("upgrade", (req, socket, head) => {
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        this.sockets.push(ws);
        ws.on("message", (d) => this.socketAcks.push(JSON.parse(String(d)) as Record<string, unknown>));
        ws.send(JSON.stringify({ type: "hello", num_connections: 1, debug_info: { host: "stand-in" }, connection_info: { app_id: "A1" } }));
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", () => r()));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** SLACK_API_URL for the app. */
  get apiUrl(): string {
    return `${this.base}/api/`;
  }

  /** A fresh response_url the stand-in will record posts to. */
  responseUrl(id = `r${++this.seq}`): string {
    return `${this.base}/respond/${id}`;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  /** The next call(s) of `method` fail as given, in order. */
  failNext(method: string, ...failures: Failure[]): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...failures]);
  }

  /**
   * Calls of `method` wait, unanswered, until the returned release is called (a slow Slack, or work
   * that does not finish). Calls already waiting are answered on release.
   */
  hold(method: string): () => void {
    let release!: () => void;
    this.holds.set(method, new Promise<void>((r) => (release = r)));
    return () => {
      this.holds.delete(method);
      release();
    };
  }

  /** `n` messages by people in `channel`, posted after everything there so far. */
  chatter(channel: string, n: number): void {
    const list = this.history.get(channel) ?? [];
    for (let i = 0; i < n; i++) list.unshift({ ts: this.nextTs(), text: `chatter ${i}` });
    this.history.set(channel, list);
  }

  /** Slack's message timestamps: seconds since the epoch on the stand-in's clock, unique. */
  private nextTs(): string {
    const now = this.clock();
    this.lastTs = Math.max(this.lastTs + 1, Math.floor(now * 1000));
    return `${Math.floor(this.lastTs / 1_000_000)}.${String(this.lastTs % 1_000_000).padStart(6, "0")}`;
  }

  /** Calls of one method (all when omitted). */
  of(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Sends a Socket Mode envelope to every connected app. */
  socketSend(envelope: Record<string, unknown>): void {
    for (const s of this.sockets) s.send(JSON.stringify(envelope));
  }

  get socketConnections(): number {
    return this.sockets.filter((s) => s.readyState === s.OPEN).length;
  }

  /** Waits until `check` returns a value (polling); fails after `ms`. Not a timing assertion. */
  async until<T>(check: () => T | undefined | false, ms = 10_000): Promise<T> {
    const end = Date.now() + ms; // real-clock: a wait, not a date
    for (;;) {
      const v = check();
      if (v) return v;
      if (Date.now() > end) throw new Error("stand-in: condition not met in time"); // real-clock: a wait, not a date
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const url = req.url ?? "/";
    if (url.startsWith("/respond/")) {
      const at = performance.now();
      const body = JSON.parse(raw.toString("utf8") || "{}") as Record<string, unknown>;
      this.responses.push({ id: url.slice("/respond/".length), body, at });
      if (Array.isArray(body.blocks)) this.check(`respond`, messageViolations(body));
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      return;
    }
    if (url.startsWith("/upload/")) {
      this.uploads.push({ id: url.slice("/upload/".length), bytes: raw.length });
      res.writeHead(200, { "content-type": "text/plain" }).end("OK - uploaded");
      return;
    }
    const method = url.replace(/^\/api\//, "").split("?")[0]!;
    const args = parseArgs(raw.toString("utf8"), String(req.headers["content-type"] ?? ""));
    const token = String(req.headers.authorization ?? "").replace(/^Bearer /, "") || (args.token as string | undefined);
    this.calls.push({ method, args, ...(token ? { token } : {}) });
    await this.holds.get(method);
    const failure = this.failures.get(method)?.shift();
    if (failure?.reset) {
      req.socket.destroy();
      return;
    }
    if (failure?.holdMs !== undefined) {
      const answer = JSON.stringify({ ok: true, ...this.answer(method, args) });
      setTimeout(() => {
        if (!res.destroyed) res.writeHead(200, { "content-type": "application/json" }).end(answer);
      }, failure.holdMs).unref();
      return;
    }
    if (failure && !failure.pass) {
      if (failure.status === 429) {
        res.writeHead(429, { "content-type": "application/json", "retry-after": String(failure.retryAfter ?? 1) }).end(JSON.stringify({ ok: false, error: "ratelimited" }));
      } else if (failure.status) {
        res.writeHead(failure.status, { "content-type": "text/plain" }).end("upstream trouble");
      } else {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: false, error: failure.error ?? "unknown_error" }));
      }
      return;
    }
    const refused = this.membership(method, String(args.channel ?? ""));
    if (refused) return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: false, error: refused }));
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, ...this.answer(method, args) }));
  }

  /** Slack's answer for a channel the bot is not in: posting is refused; joining works for public channels only. */
  private membership(method: string, channel: string): string | undefined {
    const kind = this.notJoined.get(channel);
    if (!kind) return undefined;
    if (method === "chat.postMessage") return "not_in_channel";
    if (method === "conversations.join") {
      if (kind === "private") return "method_not_supported_for_channel_type";
      this.notJoined.delete(channel);
    }
    return undefined;
  }

  private check(where: string, problems: string[]): void {
    for (const p of problems) this.violations.push(`${where}: ${p}`);
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case "auth.test":
        return { user_id: "UBOT", bot_id: "BBOT", team_id: "T1", team: "ccwp", url: "https://ccwp.slack.com/" };
      case "users.info": {
        const id = String(args.user);
        const u = this.users[id] ?? { name: `Person ${id}`, tz: "Europe/Brussels" };
        return { user: { id, name: id.toLowerCase(), real_name: u.name, tz: u.tz, profile: { display_name: u.name, real_name: u.name } } };
      }
      case "conversations.open":
        return { channel: { id: `D${String(args.users).replace(/^U/, "")}` } };
      case "chat.postMessage": {
        this.check(method, messageViolations(args));
        const channel = String(args.channel);
        const ts = this.nextTs();
        const list = this.history.get(channel) ?? [];
        list.unshift({ ts, text: args.text as string, metadata: args.metadata });
        this.history.set(channel, list);
        return { channel, ts, message: { text: args.text, ts } };
      }
      case "chat.postEphemeral":
        this.check(method, messageViolations(args));
        return { message_ts: `${1_700_000_000 + ++this.seq}.000200` };
      case "conversations.history": {
        // Newest first, `oldest`/`latest` exclusive, pages of `limit` (at most 999) with a cursor.
        const oldest = args.oldest === undefined ? -Infinity : Number(args.oldest);
        const latest = args.latest === undefined ? Infinity : Number(args.latest);
        const limit = Math.min(999, Math.max(1, Number(args.limit ?? 100)));
        const from = args.cursor ? Number(Buffer.from(String(args.cursor), "base64url").toString()) : 0;
        const list = (this.history.get(String(args.channel)) ?? []).filter((m) => Number(m.ts) > oldest && Number(m.ts) < latest);
        const page = list.slice(from, from + limit);
        const more = from + limit < list.length;
        const withMeta = args.include_all_metadata === true || args.include_all_metadata === "true";
        return {
          messages: page.map((m) => ({ type: "message", ts: m.ts, text: m.text, ...(withMeta && m.metadata ? { metadata: m.metadata } : {}) })),
          has_more: more,
          ...(more ? { response_metadata: { next_cursor: Buffer.from(String(from + limit)).toString("base64url") } } : {}),
        };
      }
      case "views.open":
      case "views.publish":
      case "views.update":
        this.check(method, viewViolations(args.view as Record<string, unknown>));
        return { view: { id: `V${++this.seq}` } };
      case "apps.connections.open":
        return { url: `${this.base.replace(/^http/, "ws")}/socket` };
      case "files.getUploadURLExternal": {
        const id = `F${++this.seq}`;
        return { upload_url: `${this.base}/upload/${id}`, file_id: id };
      }
      case "files.completeUploadExternal":
        return { files: (args.files as { id: string; title?: string }[]).map((f) => ({ id: f.id, title: f.title })) };
      default:
        return {};
    }
  }
}

function parseArgs(body: string, contentType: string): Record<string, unknown> {
  if (!body) return {};
  if (contentType.includes("application/json")) return JSON.parse(body) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(body)) {
    // The WebClient sends nested arguments (blocks, metadata, view) as JSON text.
    out[k] = /^[[{]/.test(v) ? safeJson(v) : v;
  }
  return out;
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}
