/**
 * The fault script's Bot Framework connector (the `serviceUrl` Teams activities name), in a
 * process of its own so that it outlives every bot process the script kills. It is the tests'
 * stand-in (tests/support/teams-connector-stand-in.ts: the connector's answers, every call
 * recorded) behind a front that applies the switches the driver sets over `POST /control/switch`,
 * the same names as the Slack stand-in's where they mean the same:
 *   postStatus   the next N message posts answer 429 (Retry-After) or a 5xx, not accepted
 *   outage       every message post answers 500 until switched off
 *   slowMs       posts are accepted at once and answered that much later
 *   holdAfter    the N-th post from now is accepted, then its answer is held for ever (the driver
 *                kills the sender while it waits: the crash between "accepted" and "recorded")
 *   dropEvery    every N-th post has its connection closed before it is read (not accepted), as
 *                a proxy or a stale keep-alive socket does
 *   dropAfterAccept  the same, but after the post was accepted: the bot gets no answer for a
 *                message that is in the channel
 * `GET /control/state` gives every accepted post (conversation, body, delivery key) and whether
 * a post is held. Teams offers no history to read back, so there is nothing like Slack's
 * history switches. Prints its base URL (the serviceUrl) on the first line of stdout.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { TeamsConnectorStandIn } from "../../tests/support/teams-connector-stand-in.ts";

interface Switches {
  postStatus: { status: number; retryAfter?: number; count: number } | null;
  outage: boolean;
  slowMs: number;
  holdAfter: number;
  dropEvery: number;
  dropAfterAccept: number;
}

const OFF: Switches = { postStatus: null, outage: false, slowMs: 0, holdAfter: 0, dropEvery: 0, dropAfterAccept: 0 };

const inner = await new TeamsConnectorStandIn().start();
let switches: Switches = { ...OFF };
let held = 0;
let postsSeen = 0;
let dropped = 0;

const POST_PATH = /^\/v3\/conversations\/([^/]+)\/activities\/?$/;

/** What the connector accepted: every message the inner stand-in recorded (the front forwards accepted ones only). */
function accepted() {
  return inner.messages.map((c) => {
    const channelData = c.body?.channelData as { secretariatDeliveryKey?: string } | undefined;
    return { channel: POST_PATH.exec(c.path)?.[1] ?? c.path, text: JSON.stringify(c.body), key: channelData?.secretariatDeliveryKey ?? null, part: 0 };
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
    switches = json.reset ? ({ ...OFF, ...json, reset: undefined } as Switches) : ({ ...switches, ...json } as Switches);
    held = 0;
    postsSeen = 0;
  } else if (path !== "/control/state") {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ held, dropped, switches, posts: path === "/control/state" ? accepted() : undefined }));
}

async function forward(req: http.IncomingMessage, raw: Buffer): Promise<{ status: number; headers: Record<string, string>; text: string }> {
  const r = await fetch(new URL(req.url ?? "/", inner.url), {
    method: req.method ?? "POST",
    headers: { "content-type": req.headers["content-type"] ?? "application/json" },
    ...(req.method === "GET" ? {} : { body: new Uint8Array(raw) }),
  });
  return { status: r.status, headers: { "content-type": r.headers.get("content-type") ?? "application/json" }, text: await r.text() };
}

const front = http.createServer((req, res) => {
  void (async () => {
    const path = decodeURIComponent((req.url ?? "/").split("?")[0]!);
    if (path.startsWith("/control/")) return control(req, res, path);
    const isPost = req.method === "POST" && POST_PATH.test(path);
    const s = switches;
    const nth = isPost ? ++postsSeen : 0;
    if (isPost && s.dropEvery > 0 && nth % s.dropEvery === 0) {
      dropped++;
      return void req.socket.destroy();
    }
    const raw = await body(req);
    if (isPost && s.outage) return void res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "ServiceError", message: "upstream trouble" } }));
    if (isPost && s.postStatus && s.postStatus.count > 0) {
      s.postStatus.count--;
      const { status, retryAfter } = s.postStatus;
      const headers: Record<string, string> = { "content-type": "application/json", ...(status === 429 ? { "retry-after": String(retryAfter ?? 1) } : {}) };
      return void res.writeHead(status, headers).end(JSON.stringify({ error: { code: status === 429 ? "Throttled" : "ServiceError", message: `stand-in ${status}` } }));
    }
    const answer = await forward(req, raw);
    if (isPost) {
      if (s.dropAfterAccept > 0 && nth % s.dropAfterAccept === 0) {
        dropped++;
        return void req.socket.destroy();
      }
      if (s.holdAfter > 0 && --s.holdAfter === 0) {
        held++;
        return; // accepted and recorded; the answer never comes
      }
      if (s.slowMs > 0) await new Promise((r) => setTimeout(r, s.slowMs));
    }
    res.writeHead(answer.status, answer.headers).end(answer.text);
  })().catch((e: unknown) => {
    if (!res.headersSent) res.writeHead(500).end(String(e));
  });
});

await new Promise<void>((r) => front.listen(0, "127.0.0.1", () => r()));
process.stdout.write(`http://127.0.0.1:${(front.address() as AddressInfo).port}/\n`);
process.on("SIGTERM", () => process.exit(0));
