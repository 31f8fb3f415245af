/**
 * The Bolt app: HTTP on the shared server at POST /slack/events (events, slash commands and
 * interactivity on one URL; Bolt verifies every signature and timestamp), or Socket Mode when an
 * app-level token is set. Loaded only when Slack is configured.
 */
import { App, HTTPReceiver, SocketModeReceiver, type Receiver } from "@slack/bolt";
import { ConfigError, type Config } from "../../src/config/index.ts";
import type { Clock } from "../../src/core/clock.ts";
import { Dispatcher } from "../../src/outbox/dispatcher.ts";
import type { Runtime } from "../../src/runtime/open-runtime.ts";
import type { HttpServer } from "../http/server.ts";
import { boltLogger } from "./bolt-logger.ts";
import { SlackDirectory } from "./directory.ts";
import { registerListeners } from "./listeners.ts";
import { createWebClient, SlackMessenger } from "./messenger.ts";
import { requestKey, signatureProblem } from "./request-guard.ts";
import { SlackStash } from "./stash.ts";
import { AckGate, WorkQueue } from "./work-queue.ts";

/** The path Slack posts to (the manifest's request URLs end with it). */
export const SLACK_EVENTS_PATH = "/slack/events";

/**
 * The largest body /slack/events reads, refused (413) by the server before buffering. Bolt alone
 * reads up to 4 MB before it checks the signature (issue 13 item 9). Slack's payloads are far
 * smaller: a message is at most 40,000 characters and 50 blocks, a modal 100 blocks, and the bot's
 * own forms a few KB; 1 MB leaves room for JSON-escaped non-Latin text.
 */
export const SLACK_BODY_LIMIT = 1024 * 1024;

/**
 * The longest work waits for the acks in flight (AckGate): a second leaves Slack's 3 s for the
 * acks of a burst and still starts the answers of a stream that never pauses.
 */
export const ACK_FIRST_MAX_DEFER_MS = 1000;

export interface RunningSlack {
  messenger: SlackMessenger;
  describe: string;
  stop(): Promise<void>;
}

/** Builds the app, checks the token with auth.test, and mounts or connects it. */
/**
 * What start-up says when auth.test fails. Only an answer from Slack means the token was refused;
 * no answer at all (no network, DNS, a proxy) or an HTTP error is said as such, with what to check
 * (issue 14 item 15: with no network, start-up used to say "Slack refused it").
 */
export function startupFailure(e: unknown, apiUrl: string): string {
  const err = e as { code?: string; data?: { error?: string }; original?: { code?: string; message?: string; cause?: { code?: string } }; statusCode?: number; message?: string };
  // fetch reports "fetch failed" and keeps the system's reason (ECONNREFUSED, ENOTFOUND) in cause.
  const cause = err.original?.code ?? err.original?.cause?.code ?? (err.original?.message || err.message);
  switch (err.code) {
    case "slack_webapi_platform_error":
      return `SLACK_BOT_TOKEN: Slack refused it (${err.data?.error ?? "no reason given"}). Copy the Bot User OAuth Token from the app's "OAuth & Permissions" page.`;
    case "slack_webapi_request_error":
      return `SLACK_BOT_TOKEN could not be checked: Slack's Web API at ${apiUrl} could not be reached (${cause}). Check the network, the proxy or SLACK_API_URL, then start again.`;
    case "slack_webapi_http_error":
      return `SLACK_BOT_TOKEN could not be checked: Slack's Web API at ${apiUrl} answered HTTP ${err.statusCode}. Try again in a few minutes (status.slack.com).`;
    case "slack_webapi_rate_limited_error":
      return `SLACK_BOT_TOKEN could not be checked: Slack's Web API is rate limiting this app. Try again in a minute.`;
    default:
      return `SLACK_BOT_TOKEN could not be checked: ${cause ?? String(e)}`;
  }
}

/**
 * `dispatcher`: the process's one dispatcher (adapters/index.ts); alone, Slack gets its own.
 * `clock`: when a message arrives and what is due after it. The request guard and the stash keep
 * the real clock: Slack signs each request with the time it was sent (a replay is told by it),
 * and the stash's rows are stamped by the database.
 */
export async function startSlack(server: HttpServer, rt: Runtime, config: Config & { SLACK_BOT_TOKEN: string }, shared?: Dispatcher, clock: Clock = () => new Date()): Promise<RunningSlack> {
  const logger = rt.logger.child({ platform: "slack" });
  const blog = boltLogger(logger);
  const apiUrl = config.SLACK_API_URL ? (config.SLACK_API_URL.endsWith("/") ? config.SLACK_API_URL : `${config.SLACK_API_URL}/`) : undefined;
  // Bolt's client answers interactions; it must not retry behind our back either.
  const clientOptions = { ...(apiUrl ? { slackApiUrl: apiUrl } : {}), retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 10_000 };
  const socket = Boolean(config.SLACK_APP_TOKEN);
  const receiver: Receiver & { requestListener?: HTTPReceiver["requestListener"] } = socket
    ? new SocketModeReceiver({ appToken: config.SLACK_APP_TOKEN!, logger: blog, installerOptions: { clientOptions } })
    : new HTTPReceiver({
        signingSecret: config.SLACK_SIGNING_SECRET ?? "",
        endpoints: SLACK_EVENTS_PATH,
        logger: blog,
        // The route below has checked signature and clock before Bolt sees a request, and Bolt is
        // reached through it only; checking again would cost each ack a second HMAC for nothing.
        signatureVerification: false,
        // The listeners claim the request in the store after the ack (request-guard.ts).
        customPropertiesExtractor: (req) => ({ requestKey: requestKey(req.headers) }),
      });
  const app = new App({ token: config.SLACK_BOT_TOKEN, receiver, logger: blog, clientOptions, deferInitialization: true });
  try {
    await app.init();
  } catch (e) {
    // a set-up problem the operator fixes, said as such (not "unexpected error")
    throw new ConfigError(startupFailure(e, apiUrl ?? "https://slack.com/api/"));
  }

  const stash = new SlackStash(rt.store);
  const messenger = new SlackMessenger(createWebClient(config.SLACK_BOT_TOKEN, apiUrl, blog), stash, logger);
  const directory = new SlackDirectory(app.client, logger);
  const dispatcher = shared ?? new Dispatcher(rt.store, [], logger);
  dispatcher.mount(messenger);
  // A few commands at a time keep the loop free for acks; more would only interleave, not speed up.
  // The wait behind them is bounded: beyond it users are told the bot is busy (issue 13 item 9).
  const acks = new AckGate(ACK_FIRST_MAX_DEFER_MS);
  const queue = new WorkQueue(4, config.SLACK_QUEUE_LIMIT, acks);
  registerListeners(app, {
    client: app.client,
    stash,
    messenger,
    directory,
    logger,
    fetch: globalThis.fetch,
    now: clock,
    afterAck: (work) => queue.run(work),
    busy: () => queue.full,
    async handle(input) {
      const result = await rt.bot.handle(input);
      // Proactive messages this one caused go out now, after the answer; the scheduler retries failures.
      if (result.deliveryIds.length > 0) {
        void dispatcher.dispatchDue({ now: clock(), only: result.deliveryIds }).catch((e: unknown) => logger.error({ err: (e as Error).message }, "dispatch after message failed"));
      }
      return result.replies;
    },
  });

  // The stash's rows carry the database's real write time, so they are pruned by the real clock.
  await stash.prune(new Date());
  // Every few minutes: request signatures are kept ten minutes, one row per request.
  const pruning = setInterval(() => void stash.prune(new Date()).catch(() => undefined), 5 * 60_000);
  pruning.unref();

  if (socket) {
    await app.start();
    return {
      messenger,
      describe: "slack socket mode",
      async stop() {
        clearInterval(pruning);
        await app.stop();
      },
    };
  }
  const listener = (receiver as HTTPReceiver).requestListener;
  const signingSecret = config.SLACK_SIGNING_SECRET ?? "";
  server.route("POST", SLACK_EVENTS_PATH, (req, res) => {
    // The server has read the body (capped) into rawBody; Bolt reuses it. Nothing here waits on
    // the store: the ack must not queue behind the work (issue 13 item 9).
    // Counted until answered: the work queue starts work only when no ack is waiting.
    res.once("close", acks.enter());
    const problem = signatureProblem(req as typeof req & { rawBody: Buffer }, signingSecret, Date.now());
    if (problem) {
      logger.warn({ reason: problem }, "slack request refused");
      res.writeHead(401, { "content-type": "text/plain" }).end();
      return;
    }
    // Events (JSON) while the queue is full: 503, and Slack sends them again (1 and 5 minutes
    // later, signed afresh). Commands and interactions go on: Bolt's listeners say "busy" there.
    if (queue.full && String(req.headers["content-type"] ?? "").startsWith("application/json")) {
      logger.warn("slack work queue full: event refused with 503 for Slack to retry");
      res.writeHead(503, { "content-type": "text/plain", "retry-after": "60" }).end();
      return;
    }
    listener(req, res);
  }, { bodyLimit: SLACK_BODY_LIMIT });
  return {
    messenger,
    describe: `slack http POST ${SLACK_EVENTS_PATH}`,
    async stop() {
      clearInterval(pruning);
    },
  };
}
