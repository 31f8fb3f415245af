/**
 * POST /api/messages: reads the activity, authenticates it (fail closed and fast: a 401 within
 * TEAMS_AUTH_TIMEOUT_MS whatever Microsoft's key endpoints do), refuses untrusted serviceUrls and
 * runs the turn. The answer is 200, or the invoke response's status and body.
 */
import type http from "node:http";
import type { Activity, TurnContext } from "botbuilder";
import type { Config } from "../../src/config/index.ts";
import type { Logger } from "../../src/log/logger.ts";
import { precheckAuthorization, TeamsAuthError, withAuthTimeout } from "./auth-guard.ts";
import type { AuthenticateRequestResult, TeamsCloudAdapter } from "./bot-framework.ts";
import { isTrustedServiceUrl } from "./service-url.ts";

/** Bot Framework activities are small; a larger body is refused before it is parsed. */
const MAX_BODY_BYTES = 1024 * 1024;

/** The route handler for the shared HttpServer. */
export function teamsEndpoint(
  adapter: TeamsCloudAdapter,
  config: Config,
  logger: Logger,
  logic: (context: TurnContext) => Promise<void>,
): (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> {
  const appId = config.MicrosoftAppId ?? "";
  const trustAny = config.TEAMS_TRUST_ANY_SERVICE_URL === "1";
  const reply = (res: http.ServerResponse, status: number, body?: unknown) => {
    if (res.headersSent) return;
    if (body === undefined) res.writeHead(status).end();
    else res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  };
  return async (req, res) => {
    const raw = await readBody(req);
    if (raw === null) return reply(res, 413, { error: "body too large" });
    let activity: Activity;
    try {
      activity = JSON.parse(raw.toString("utf8")) as Activity;
    } catch {
      return reply(res, 400, { error: "body is not JSON" });
    }
    if (!activity || typeof activity !== "object" || typeof activity.type !== "string") return reply(res, 400, { error: "not an activity" });
    fixTimestamps(activity);

    let auth: AuthenticateRequestResult;
    try {
      if (appId) {
        const header = req.headers.authorization;
        precheckAuthorization(header, appId, Math.floor(Date.now() / 1000));
        auth = await withAuthTimeout(() => adapter.authenticate(activity, header!), config.TEAMS_AUTH_TIMEOUT_MS);
      } else {
        auth = await adapter.authenticate(activity, "");
      }
    } catch (e) {
      const reason = e instanceof TeamsAuthError ? e.reason : "invalid";
      logger.warn({ reason, detail: (e as Error)?.message, activityType: activity.type }, "teams request refused: not authenticated");
      return reply(res, 401, { error: "unauthorized" });
    }
    if (!isTrustedServiceUrl(activity.serviceUrl, trustAny)) {
      logger.warn({ serviceUrl: activity.serviceUrl }, "teams request refused: serviceUrl is not a Bot Framework endpoint");
      return reply(res, 403, { error: "untrusted serviceUrl" });
    }
    const invoke = await adapter.runTurn(auth, activity, logic);
    if (invoke) return reply(res, invoke.status, invoke.body);
    reply(res, 200);
  };
}

/** What CloudAdapter.process does before a turn (validateAndFixActivity): timestamps become Dates, the raw text is kept. */
function fixTimestamps(activity: Activity): void {
  const a = activity as unknown as Record<string, unknown>;
  for (const [field, raw] of [["timestamp", "rawTimestamp"], ["expiration", "rawExpiration"], ["localTimestamp", "rawLocalTimestamp"]] as const) {
    if (typeof a[field] === "string") {
      a[raw] = a[field];
      a[field] = new Date(a[field] as string);
    }
  }
}

function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
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
