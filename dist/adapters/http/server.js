/**
 * The one HTTP server of a running bot: Slack's /slack/events, Teams' /api/messages and the
 * calendar feeds mount their routes here, so every endpoint shares PORT. A route receives the raw
 * request (Bolt and botbuilder read and verify the body themselves).
 */
import http from "node:http";
export class HttpServer {
    logger;
    routes = [];
    server;
    constructor(logger) {
        this.logger = logger;
        this.server = http.createServer((req, res) => void this.dispatch(req, res));
    }
    /** Adds a route; `path` ending in "/" matches every path below it. */
    route(method, path, handler) {
        this.routes.push({ method: method.toUpperCase(), path, handler });
    }
    get routeCount() {
        return this.routes.length;
    }
    async listen(port, host) {
        await new Promise((resolve, reject) => {
            this.server.once("error", reject);
            this.server.listen(port, host, () => resolve());
        });
        return this.server.address();
    }
    close() {
        return new Promise((resolve) => {
            this.server.close(() => resolve());
            this.server.closeAllConnections();
        });
    }
    async dispatch(req, res) {
        const path = (req.url ?? "/").split("?")[0];
        const route = this.routes.find((r) => r.method === req.method && (r.path.endsWith("/") ? path.startsWith(r.path) : path === r.path));
        if (!route) {
            const known = this.routes.some((r) => (r.path.endsWith("/") ? path.startsWith(r.path) : path === r.path));
            res.writeHead(known ? 405 : 404, { "content-type": "text/plain" }).end(known ? "method not allowed\n" : "not found\n");
            return;
        }
        try {
            await route.handler(req, res);
        }
        catch (e) {
            // Never a stack trace to the caller; the log has it.
            this.logger.error({ err: e, path }, "http route failed");
            if (!res.headersSent)
                res.writeHead(500, { "content-type": "text/plain" });
            res.end("internal error\n");
        }
    }
}
