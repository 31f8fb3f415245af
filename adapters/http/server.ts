/**
 * The one HTTP server of a running bot: Slack's /slack/events, Teams' /api/messages and the
 * calendar feeds mount their routes here, so every endpoint shares PORT. A route receives the raw
 * request (Bolt and botbuilder read and verify the body themselves).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../../src/log/logger.ts";

export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | void;

interface Route {
  method: string;
  /** exact path, or a prefix when it ends with "/" */
  path: string;
  handler: RouteHandler;
}

export class HttpServer {
  private readonly routes: Route[] = [];
  private readonly server: http.Server;

  private readonly logger: Logger;

  constructor(logger: Logger) {
    this.logger = logger;
    this.server = http.createServer((req, res) => void this.dispatch(req, res));
  }

  /** Adds a route; `path` ending in "/" matches every path below it. */
  route(method: string, path: string, handler: RouteHandler): void {
    this.routes.push({ method: method.toUpperCase(), path, handler });
  }

  get routeCount(): number {
    return this.routes.length;
  }

  async listen(port: number, host: string): Promise<AddressInfo> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => resolve());
    });
    return this.server.address() as AddressInfo;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async dispatch(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0]!;
    const route = this.routes.find((r) => r.method === req.method && (r.path.endsWith("/") ? path.startsWith(r.path) : path === r.path));
    if (!route) {
      const known = this.routes.some((r) => (r.path.endsWith("/") ? path.startsWith(r.path) : path === r.path));
      res.writeHead(known ? 405 : 404, { "content-type": "text/plain" }).end(known ? "method not allowed\n" : "not found\n");
      return;
    }
    try {
      await route.handler(req, res);
    } catch (e) {
      // Never a stack trace to the caller; the log has it.
      this.logger.error({ err: e, path }, "http route failed");
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("internal error\n");
    }
  }
}
