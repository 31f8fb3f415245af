import http from "node:http";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { HttpServer } from "../../../adapters/http/server.ts";
import { createLogger } from "../../../src/log/logger.ts";

const servers: HttpServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function start(setup: (s: HttpServer) => void): Promise<string> {
  const server = new HttpServer(createLogger("silent"));
  servers.push(server);
  setup(server);
  const addr = await server.listen(0, "127.0.0.1");
  return `http://127.0.0.1:${addr.port}`;
}

/** Reads a request body the way botbuilder-style handlers do: from the stream. */
function readStream(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Sends a chunked body (no Content-Length) of `total` bytes in 64 KiB pieces. */
function postChunked(url: string, total: number): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", headers: { "content-type": "application/json" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
    });
    // The server may hang up once it has refused; that is the point, not a failure.
    req.on("error", (e: NodeJS.ErrnoException) => (e.code === "ECONNRESET" || e.code === "EPIPE" ? undefined : reject(e)));
    const piece = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = (): void => {
      while (sent < total) {
        sent += piece.length;
        if (!req.write(piece)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}

describe("HttpServer", () => {
  it("hands a raw route Node's request with the body readable from the stream and as rawBody", async () => {
    let seen: { streamed: string; raw: string; method?: string; header?: string } | undefined;
    const base = await start((s) =>
      s.route("POST", "/echo", async (req, res) => {
        const raw = (req as http.IncomingMessage & { rawBody?: Buffer }).rawBody?.toString("utf8") ?? "";
        seen = { streamed: await readStream(req), raw, method: req.method, header: req.headers["x-test"] as string };
        res.writeHead(201, { "content-type": "text/plain" }).end("ok");
      }),
    );
    const res = await fetch(`${base}/echo`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-test": "yes" }, body: "payload=%7B%7D" });
    expect(res.status).toBe(201);
    expect(seen).toEqual({ streamed: "payload=%7B%7D", raw: "payload=%7B%7D", method: "POST", header: "yes" });
  });

  it("refuses a body over the route's cap by its Content-Length without calling the handler", async () => {
    let called = false;
    const base = await start((s) => s.route("POST", "/small", (_req, res) => void ((called = true), res.end()), { bodyLimit: 1000 }));
    const res = await fetch(`${base}/small`, { method: "POST", headers: { "content-type": "application/json" }, body: "x".repeat(1001) });
    expect(res.status).toBe(413);
    expect(called).toBe(false);
    const ok = await fetch(`${base}/small`, { method: "POST", headers: { "content-type": "application/json" }, body: "x".repeat(1000) });
    expect(ok.status).toBe(200);
    expect(called).toBe(true);
  });

  it("cuts off a chunked body as soon as it passes the cap, without calling the handler", async () => {
    let called = false;
    const base = await start((s) => s.route("POST", "/small", (_req, res) => void ((called = true), res.end()), { bodyLimit: 100_000 }));
    const res = await postChunked(`${base}/small`, 20 * 1024 * 1024);
    expect(res.status).toBe(413);
    expect(called).toBe(false);
  });

  it("matches a prefix route for every path below it and answers 405 for another method, 404 elsewhere", async () => {
    const base = await start((s) => s.route("GET", "/files/", (req, res) => void res.end(req.url)));
    expect(await (await fetch(`${base}/files/a/b.ics?x=1`)).text()).toBe("/files/a/b.ics?x=1");
    expect((await fetch(`${base}/files/a`, { method: "POST", body: "" })).status).toBe(405);
    expect((await fetch(`${base}/nothing`)).status).toBe(404);
  });

  it("answers 500 with no stack trace when a raw handler throws", async () => {
    const base = await start((s) =>
      s.route("GET", "/boom", () => {
        throw new Error("secret detail");
      }),
    );
    const res = await fetch(`${base}/boom`);
    expect(res.status).toBe(500);
    expect(await res.text()).toBe("internal error\n");
  });

  it("serves Fastify plugins beside raw routes, each with its own parsers", async () => {
    const base = await start((s) => {
      s.route("POST", "/raw", async (req, res) => void res.end(`raw:${await readStream(req)}`));
      s.register(async (app) => {
        app.post("/json", async (request) => ({ got: request.body }));
      }, {});
    });
    expect(await (await fetch(`${base}/raw`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"a":1}' })).text()).toBe('raw:{"a":1}');
    expect(await (await fetch(`${base}/json`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"a":1}' })).json()).toEqual({ got: { a: 1 } });
  });
});

describe("HttpServer under many connections (issue 13 item 9)", () => {
  /** Opens a TCP connection and resolves once it is accepted or closed by the server. */
  function connect(url: string): Promise<net.Socket> {
    const u = new URL(url);
    return new Promise((resolve, reject) => {
      const s = net.connect(Number(u.port), u.hostname, () => resolve(s));
      s.on("error", reject);
    });
  }
  const closed = (s: net.Socket) => new Promise<void>((r) => (s.destroyed ? r() : s.once("close", () => r())));

  it("holds at most maxConnections at once: one more is closed at once, and served again when one ends", async () => {
    const server = new HttpServer(createLogger("silent"), { maxConnections: 2 });
    servers.push(server);
    server.route("GET", "/hi", (_req, res) => void res.end("hi"));
    const base = `http://127.0.0.1:${(await server.listen(0, "127.0.0.1")).port}`;
    const held = [await connect(base), await connect(base)];
    // both held connections are open (a request on one is answered)
    held[0]!.write("GET /hi HTTP/1.1\r\nhost: x\r\n\r\n");
    await new Promise<void>((r) => held[0]!.once("data", () => r()));
    const extra = await connect(base);
    await closed(extra);
    held[1]!.destroy();
    await closed(held[1]!);
    await expect.poll(async () => (await fetch(`${base}/hi`, { headers: { connection: "close" } }).catch(() => null))?.status).toBe(200);
    held[0]!.destroy();
  });

  it("ends a request whose body does not arrive within requestTimeoutMs (a slow sender holds no connection for long)", async () => {
    const server = new HttpServer(createLogger("silent"), { requestTimeoutMs: 200 });
    servers.push(server);
    server.route("POST", "/slow", (_req, res) => void res.end("never"));
    const base = `http://127.0.0.1:${(await server.listen(0, "127.0.0.1")).port}`;
    const s = await connect(base);
    s.write("POST /slow HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{");
    let answer = "";
    s.on("data", (d) => (answer += d));
    await closed(s);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });
});
