/**
 * The fault script's Slack Web API, in a process of its own so that it outlives every bot process
 * the script kills (as Slack does). It is the tests' stand-in (tests/support/slack-api-stand-in.ts:
 * Slack's answers, message metadata, history pages with `oldest` and cursors) behind a front that
 * applies the fault switches the driver sets over `POST /control/switch`:
 *   postStatus   the next N chat.postMessage calls answer 429 (Retry-After) or a 5xx, not accepted
 *   outage       every chat.postMessage and conversations.history answers 500 until switched off
 *   slowMs       posts are accepted at once and answered that much later
 *   holdAfter    the N-th post from now is accepted, then its answer is held for ever (the driver
 *                kills the sender while it waits: the crash between "accepted" and "recorded")
 *   historyFail  the next N conversations.history calls answer 500
 *   historyReset the next N conversations.history calls have their connection dropped unanswered
 * `POST /control/chatter {channel, n}` makes a channel busy (n newer messages by people);
 * `GET /control/state` gives every accepted post (channel, text, key) and whether a post is held.
 * Prints its base URL on the first line of stdout.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SlackApiStandIn } from "../../tests/support/slack-api-stand-in.ts";

interface Switches {
  postStatus: { status: number; retryAfter?: number; count: number } | null;
  outage: boolean;
  slowMs: number;
  holdAfter: number;
  historyFail: number;
  historyReset: number;
}

const OFF: Switches = { postStatus: null, outage: false, slowMs: 0, holdAfter: 0, historyFail: 0, historyReset: 0 };

const inner = await new SlackApiStandIn().start();
let switches: Switches = { ...OFF };
let held = 0;

/** What Slack accepted: every post the inner stand-in stored (the front forwards accepted ones only). */
function accepted() {
  return inner.of("chat.postMessage").map((c) => {
    const meta = c.args.metadata as { event_payload?: { key?: string; part?: number } } | undefined;
    return { channel: String(c.args.channel), text: `${String(c.args.text ?? "")}\n${JSON.stringify(c.args.blocks ?? [])}`, key: meta?.event_payload?.key ?? null, part: meta?.event_payload?.part ?? 0 };
  });
}

async function body(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function control(req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<void> {
  const raw = await body(req);
  const json = raw.length ? (JSON.parse(raw.toString("utf8")) as Record<string, unknown>) : {};
  if (path === "/control/switch") {
    switches = json.reset ? { ...OFF, ...json, reset: undefined } as Switches : { ...switches, ...json } as Switches;
    held = 0;
  } else if (path === "/control/chatter") {
    inner.chatter(String(json.channel), Number(json.n));
  } else if (path !== "/control/state") {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ held, switches, posts: path === "/control/state" ? accepted() : undefined }));
}

async function forward(req: http.IncomingMessage, raw: Buffer): Promise<{ status: number; headers: Record<string, string>; text: string }> {
  const r = await fetch(`${inner.base}${req.url}`, {
    method: req.method ?? "POST",
    headers: Object.fromEntries(Object.entries(req.headers).filter(([k]) => ["content-type", "authorization"].includes(k)) as [string, string][]),
    ...(req.method === "GET" ? {} : { body: new Uint8Array(raw) }),
  });
  return { status: r.status, headers: { "content-type": r.headers.get("content-type") ?? "application/json" }, text: await r.text() };
}

const front = http.createServer((req, res) => {
  void (async () => {
    const path = (req.url ?? "/").split("?")[0]!;
    if (path.startsWith("/control/")) return control(req, res, path);
    const raw = await body(req);
    const method = path.replace(/^\/api\//, "");
    const s = switches;
    if (method === "chat.postMessage" || method === "conversations.history") {
      if (s.outage) return void res.writeHead(500, { "content-type": "text/plain" }).end("upstream trouble");
    }
    if (method === "conversations.history") {
      if (s.historyReset > 0) {
        s.historyReset--;
        return void req.socket.destroy();
      }
      if (s.historyFail > 0) {
        s.historyFail--;
        return void res.writeHead(500, { "content-type": "text/plain" }).end("upstream trouble");
      }
    }
    if (method === "chat.postMessage" && s.postStatus && s.postStatus.count > 0) {
      s.postStatus.count--;
      const { status, retryAfter } = s.postStatus;
      if (status === 429) return void res.writeHead(429, { "content-type": "application/json", "retry-after": String(retryAfter ?? 1) }).end(JSON.stringify({ ok: false, error: "ratelimited" }));
      return void res.writeHead(status, { "content-type": "text/plain" }).end("upstream trouble");
    }
    const answer = await forward(req, raw);
    if (method === "chat.postMessage") {
      if (s.holdAfter > 0 && --s.holdAfter === 0) {
        held++;
        return; // accepted and stored; the answer never comes
      }
      if (s.slowMs > 0) await new Promise((r) => setTimeout(r, s.slowMs));
    }
    res.writeHead(answer.status, answer.headers).end(answer.text);
  })().catch((e: unknown) => {
    if (!res.headersSent) res.writeHead(500).end(String(e));
  });
});

await new Promise<void>((r) => front.listen(0, "127.0.0.1", () => r()));
process.stdout.write(`http://127.0.0.1:${(front.address() as AddressInfo).port}\n`);
process.on("SIGTERM", () => process.exit(0));
