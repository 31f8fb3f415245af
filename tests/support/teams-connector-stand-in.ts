/**
 * A loopback stand-in for the Bot Framework connector (the `serviceUrl` of Teams activities). It
 * records every `/v3/conversations/...` call so tests assert on what the bot really sent, and can
 * answer the next calls with an error (429 with Retry-After, 500…).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ConnectorCall {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown> | null;
}

export class TeamsConnectorStandIn {
  readonly calls: ConnectorCall[] = [];
  private readonly failures: ({ status: number; headers?: Record<string, string> } | "drop" | "pass")[] = [];
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  private counter = 0;
  url = "";

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  /**
   * The next call's connection is closed before any answer ("socket hang up" at the bot), and
   * the call is not recorded: what a connector or proxy dropping a request looks like.
   */
  dropNext(): void {
    this.failures.push("drop");
  }

  /** The next call succeeds (to queue a failure after it). */
  passNext(): void {
    this.failures.push("pass");
  }

  /** The people the members API knows (GET …/members/{id}), by Teams id, as the connector returns them. */
  readonly roster = new Map<string, Record<string, unknown>>();

  /** How many calls were dropped so far. */
  dropped = 0;

  /** Drops every `n`th call from now on (50: 2 %), as a flaky network or proxy would; 0 stops. */
  dropEvery(n: number): void {
    this.dropPeriod = n;
    this.seen = 0;
  }

  private dropPeriod = 0;
  private seen = 0;

  /** The next call is answered with `status` (and headers) instead of success. */
  failNext(status: number, headers?: Record<string, string>): void {
    this.failures.push({ status, headers });
  }

  /** Calls that posted or updated a message activity (replies, proactive messages, card updates). */
  get messages(): ConnectorCall[] {
    return this.calls.filter((c) => /\/activities/.test(c.path) && (c.method === "POST" || c.method === "PUT"));
  }

  /** Adaptive Cards of every message sent so far, in order. */
  get cards(): Record<string, unknown>[] {
    return this.messages.flatMap((c) =>
      ((c.body?.attachments as { contentType: string; content: Record<string, unknown> }[] | undefined) ?? [])
        .filter((a) => a.contentType === "application/vnd.microsoft.card.adaptive")
        .map((a) => a.content),
    );
  }

  clear(): void {
    this.calls.length = 0;
    this.counter = 0;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const periodic = this.dropPeriod > 0 && ++this.seen % this.dropPeriod === 0;
    if (periodic || this.failures[0] === "drop") {
      if (!periodic) this.failures.shift();
      this.dropped++;
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: Record<string, unknown> | null = null;
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
      } catch {
        body = { raw };
      }
      // Decoded: botbuilder percent-encoded conversation ids in the path, the Agents SDK sends them as they are.
      const path = decodeURIComponent((req.url ?? "/").split("?")[0]!);
      this.calls.push({ method: req.method ?? "", path, headers: req.headers, body });
      const next = this.failures.shift();
      const failure = next === "pass" ? undefined : (next as { status: number; headers?: Record<string, string> } | undefined);
      if (failure) {
        res.writeHead(failure.status, { "content-type": "application/json", ...failure.headers }).end(JSON.stringify({ error: { code: "Failure", message: `stand-in ${failure.status}` } }));
        return;
      }
      const id = `stand-in-${++this.counter}`;
      if (req.method === "POST" && /^\/v3\/conversations\/?$/.test(path)) {
        res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ id: `a:new-chat-${this.counter}`, activityId: id, serviceUrl: this.url }));
        return;
      }
      const member = req.method === "GET" ? /^\/v3\/conversations\/.+\/members\/([^/]+)$/.exec(path) : null;
      if (member) {
        const known = this.roster.get(member[1]!);
        if (!known) return void res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "MemberNotFoundInConversation" } }));
        return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(known));
      }
      if (path.startsWith("/v3/conversations/")) {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id }));
        return;
      }
      res.writeHead(404).end();
    });
  }
}
