/**
 * The one HTTP server of a running bot, on Fastify: Slack's /slack/events, Teams' /api/messages,
 * the calendar feeds and the web console share PORT. Two kinds of route:
 * - raw routes (`route`): the handler gets Node's request and response, as Bolt's receiver and the
 *   Teams endpoint expect; the server reads the body first, capped per route (see below);
 * - Fastify plugins (`register`): the web console, with its own parsers, cookies and headers,
 *   encapsulated so none of it reaches the raw routes.
 */
import type http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from "fastify";
import type { Logger } from "../../src/log/logger.ts";

export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | void;

/** Options of a raw route. */
export interface RawRouteOptions {
  /**
   * Largest body accepted, in bytes. A larger Content-Length is answered 413 before a byte is
   * read (the body is then read and dropped, never kept: refuseTooLarge), and a chunked body is
   * cut off as soon as it passes the cap, so a request can never make the server hold more than this (issue 13: Bolt alone buffers up to 4 MB before it checks a
   * signature).
   */
  bodyLimit?: number;
}

/** The cap for raw routes that do not name one: Slack and Bot Framework payloads are far smaller. */
export const DEFAULT_RAW_BODY_LIMIT = 1024 * 1024;

/** Limits of the server as a whole (issue 13 item 9: memory under load). */
export interface HttpServerOptions {
  /**
   * Connections held at once; one more is closed as soon as it is accepted. With the per-route
   * body cap this bounds what requests can make the server hold (connections × cap).
   */
  maxConnections?: number;
  /**
   * Time a request may take to arrive whole (headers and body), then 408: a sender trickling a
   * body holds a connection this long at most. Fastify's default is no limit.
   */
  requestTimeoutMs?: number;
}

/** Defaults: far above what Slack and Teams send at once, far below what exhausts memory. */
export const DEFAULT_MAX_CONNECTIONS = 512;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** A request whose body the server has read; Bolt uses `rawBody` as it is instead of reading again. */
type BufferedRequest = http.IncomingMessage & { rawBody: Buffer };

export class HttpServer {
  /** The Fastify instance, for plugins (`register`) and tests (`inject`). */
  readonly app: FastifyInstance;
  private readonly rawPaths: { method: string; path: string }[] = [];

  private readonly logger: Logger;
  private readonly requestTimeoutMs: number;

  constructor(logger: Logger, options: HttpServerOptions = {}) {
    this.logger = logger;
    const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.requestTimeoutMs = requestTimeout;
    this.app = Fastify({
      requestTimeout,
      // Node checks request timeouts on this interval (30 s by default), so it bounds the wait too.
      http: { requestTimeout, headersTimeout: requestTimeout, connectionsCheckingInterval: Math.min(30_000, Math.max(50, Math.floor(requestTimeout / 4))) },
      loggerInstance: logger.child({ component: "http" }) as FastifyBaseLogger,
      // One line per request would drown the bot's own log; errors are still logged.
      logController: new LogController({ disableRequestLogging: true }),
      // Behind a proxy the client address comes from X-Forwarded-For only when asked for.
      trustProxy: false,
    });
    this.app.server.maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
    this.app.setNotFoundHandler((request, reply) => {
      const path = request.url.split("?")[0]!;
      const known = this.rawPaths.some((r) => matches(r.path, path));
      void reply.code(known ? 405 : 404).type("text/plain").send(known ? "method not allowed\n" : "not found\n");
    });
  }

  /** Adds a raw route; `path` ending in "/" matches every path below it. */
  route(method: string, path: string, handler: RouteHandler, options: RawRouteOptions = {}): void {
    const bodyLimit = options.bodyLimit ?? DEFAULT_RAW_BODY_LIMIT;
    const logger = this.logger;
    this.rawPaths.push({ method: method.toUpperCase(), path });
    void this.app.register(async (scope) => {
      // Any content type, read as bytes: the handler (Bolt, botbuilder) parses and verifies it.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser("*", { parseAs: "buffer" }, (_req, body, done) => done(null, body));
      // A declared Content-Length over the cap: 413 before a byte is read (Fastify's own check
      // hangs up at once, and clients still sending see EPIPE instead: 11 of 20 in the bench).
      scope.addHook("onRequest", (request, reply, done) => {
        if (Number(request.headers["content-length"]) > bodyLimit) {
          reply.hijack();
          refuseTooLarge(request.raw, reply.raw, this.requestTimeoutMs);
        }
        done();
      });
      scope.route({
        method: method.toUpperCase() as "GET",
        url: path.endsWith("/") ? `${path}*` : path,
        bodyLimit,
        handler: async (request, reply) => {
          reply.hijack();
          const res = reply.raw;
          const body = request.body;
          const req = Buffer.isBuffer(body) ? replay(request.raw, body) : request.raw;
          try {
            await handler(req, res);
          } catch (e) {
            // Never a stack trace to the caller; the log has it.
            logger.error({ err: e, path: request.url.split("?")[0] }, "http route failed");
            if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
            res.end("internal error\n");
          }
        },
      });
    });
  }

  /** Registers a Fastify plugin (the web console), encapsulated from the raw routes. */
  register<Options extends Record<string, unknown>>(plugin: FastifyPluginAsync<Options>, options: Options): void {
    void this.app.register(plugin, options);
  }

  get routeCount(): number {
    return this.rawPaths.length;
  }

  async listen(port: number, host: string): Promise<AddressInfo> {
    await this.app.listen({ port, host });
    return this.app.server.address() as AddressInfo;
  }

  async close(): Promise<void> {
    this.app.server.closeAllConnections();
    await this.app.close();
  }
}

function matches(route: string, path: string): boolean {
  return route.endsWith("/") ? path.startsWith(route) : path === route;
}

/** Bodies up to this size are read to their end and dropped after a 413; larger ones are hung up on. */
export const MAX_DISCARDED_BODY = 16 * 1024 * 1024;

/**
 * Answers 413 at once and closes the connection only once the declared body has arrived, read
 * and dropped chunk by chunk (nothing is kept). Closing while a body is still coming resets the
 * connection, and a client that writes before it reads (fetch, most HTTP libraries) then loses the
 * answer. A body larger than MAX_DISCARDED_BODY, or one still arriving after the request timeout,
 * is not waited for.
 */
function refuseTooLarge(req: http.IncomingMessage, res: http.ServerResponse, timeoutMs: number): void {
  const text = "request body too large\n";
  res.writeHead(413, { "content-type": "text/plain", "content-length": Buffer.byteLength(text), connection: "close" });
  if (Number(req.headers["content-length"]) > MAX_DISCARDED_BODY) {
    res.end(text);
    return;
  }
  // The whole answer is written now; end() (and with it the close) waits for the body's end.
  res.write(text);
  const timer = setTimeout(() => req.socket.destroy(), timeoutMs);
  timer.unref();
  const finish = () => {
    clearTimeout(timer);
    res.end();
  };
  req.on("end", finish);
  req.on("error", finish);
  req.resume();
}

/**
 * The same request with its body readable again: Bolt's receiver takes `rawBody`, botbuilder-style
 * handlers read the stream, and both see exactly the bytes the server accepted.
 */
function replay(original: http.IncomingMessage, body: Buffer): BufferedRequest {
  const stream = Readable.from(body.length > 0 ? [body] : []) as unknown as BufferedRequest;
  for (const key of ["headers", "rawHeaders", "method", "url", "httpVersion", "socket"] as const) {
    Object.defineProperty(stream, key, { value: original[key], enumerable: true });
  }
  Object.defineProperty(stream, "connection", { value: original.socket });
  stream.rawBody = body;
  return stream;
}
