/**
 * POST /api/messages: reads the activity (capped), checks its shape, authenticates it with the
 * Agents SDK's `authorizeJWT` (fail closed and fast: a 401 within TEAMS_AUTH_TIMEOUT_MS whatever
 * Microsoft's key endpoints do), refuses untrusted serviceUrls and runs the turn with the SDK's
 * `process()`. The answer is 200, or the invoke response's status and body.
 */
import type http from "node:http";
import type { Request, TurnContext } from "@microsoft/agents-hosting";
import type { Logger } from "../../src/log/logger.ts";
import type { TeamsCloudAdapter } from "./agents-sdk.ts";
import { precheckAuthorization, TeamsAuthError, withAuthTimeout } from "./auth-guard.ts";
import { activityProblem } from "./incoming-activity.ts";
import { isTrustedServiceUrl } from "./service-url.ts";
import { ResponseRecorder } from "./web-response.ts";

/** Bot Framework activities are small; a larger body is refused before it is parsed. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface EndpointOptions {
  appId: string;
  authTimeoutMs: number;
  logger: Logger;
  /** the clock, for token lifetimes */
  clock: () => Date;
}

/** The route handler for the shared HttpServer. */
export function teamsEndpoint(
  adapter: TeamsCloudAdapter,
  o: EndpointOptions,
  logic: (context: TurnContext) => Promise<void>,
): (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> {
  const { logger } = o;
  const reply = (res: http.ServerResponse, status: number, body?: unknown) => {
    if (res.headersSent) return;
    if (body === undefined) res.writeHead(status).end();
    else res.writeHead(status, { "content-type": "application/json" }).end(typeof body === "string" ? body : JSON.stringify(body));
  };
  return async (req, res) => {
    const raw = await readBody(req);
    if (raw === null) return reply(res, 413, { error: "body too large" });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw.toString("utf8")) as Record<string, unknown>;
    } catch {
      return reply(res, 400, { error: "body is not JSON" });
    }
    const problem = activityProblem(body);
    if (problem) {
      logger.warn({ problem }, "teams request refused: not an activity we can act on");
      return reply(res, 400, { error: `not a valid activity (${problem})` });
    }
    const request: Request = { body, headers: req.headers, method: req.method };
    const serviceUrl = body.serviceUrl as string;

    if (adapter.authenticated) {
      try {
        const header = req.headers.authorization;
        precheckAuthorization(header, o.appId, Math.floor(o.clock().getTime() / 1000));
        await withAuthTimeout(() => authorize(adapter, request), o.authTimeoutMs);
        claimedServiceUrlMatches(request.user, serviceUrl);
      } catch (e) {
        const reason = e instanceof TeamsAuthError ? e.reason : "invalid";
        logger.warn({ reason, detail: (e as Error)?.message, activityType: body.type }, "teams request refused: not authenticated");
        return reply(res, 401, { error: "unauthorized" });
      }
    }
    if (!isTrustedServiceUrl(serviceUrl, adapter.trust)) {
      logger.warn(
        { serviceUrl },
        adapter.trust === "loopback"
          ? "teams request refused: local mode (no MicrosoftAppId) answers only clients on this machine (a loopback serviceUrl, such as the Agents Playground's); to serve Teams, set MicrosoftAppId and MicrosoftAppPassword"
          : "teams request refused: serviceUrl is not a Bot Framework endpoint",
      );
      return reply(res, 403, { error: "untrusted serviceUrl" });
    }

    const out = new ResponseRecorder();
    try {
      await adapter.process(request, out, logic);
    } catch (e) {
      // The SDK throws on what its own schema refuses (and our check let through): a 400, never a stack.
      const malformed = (e as Error)?.name === "ZodError";
      logger.warn({ err: e, activityType: body.type }, malformed ? "teams request refused: the SDK could not read the activity" : "teams turn failed before it ran");
      return reply(res, malformed ? 400 : 500, { error: malformed ? "not a valid activity" : "internal error" });
    }
    const { statusCode, body: answer } = out.recorded;
    reply(res, statusCode ?? 200, answer ?? undefined);
  };
}

/** The SDK's JWT middleware as a promise: resolves when it lets the request through, rejects with its refusal. */
function authorize(adapter: TeamsCloudAdapter, request: Request): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = new ResponseRecorder();
    adapter.authorizeRequest(request, out, () => resolve()).then(
      () => {
        if (out.recorded.statusCode !== null) reject(new TeamsAuthError("invalid", JSON.stringify(out.recorded.body)));
      },
      reject,
    );
  });
}

/**
 * A Bot Framework token names the connector it was issued for (`serviceurl`); an activity that
 * points elsewhere would make the bot send its own token there. The SDK compares hosts only and
 * answers 400; here the whole URL must match (`…/emea/` is not `…/amer/`), and it is an
 * authentication failure (401).
 */
function claimedServiceUrlMatches(user: Request["user"], serviceUrl: string): void {
  const claim = user?.serviceurl;
  if (typeof claim !== "string") return;
  const normal = (u: string) => {
    try {
      const url = new URL(u);
      return `${url.origin}${url.pathname.replace(/\/+$/, "")}`.toLowerCase();
    } catch {
      return null;
    }
  };
  if (normal(claim) === null || normal(claim) !== normal(serviceUrl)) throw new TeamsAuthError("invalid", "the token was issued for another serviceUrl");
}

/** The body, or null past MAX_BODY_BYTES. The shared server may have read it already (rawBody). */
function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  const read = (req as { rawBody?: Buffer }).rawBody;
  if (Buffer.isBuffer(read)) return Promise.resolve(read.length > MAX_BODY_BYTES ? null : read);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(c);
    });
    req.on("end", () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
