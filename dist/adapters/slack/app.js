/**
 * The Bolt app: HTTP on the shared server at POST /slack/events (events, slash commands and
 * interactivity on one URL; Bolt verifies every signature and timestamp), or Socket Mode when an
 * app-level token is set. Loaded only when Slack is configured.
 */
import { App, HTTPReceiver, SocketModeReceiver } from "@slack/bolt";
import { Dispatcher } from "../../src/outbox/dispatcher.js";
import { boltLogger } from "./bolt-logger.js";
import { SlackDirectory } from "./directory.js";
import { registerListeners } from "./listeners.js";
import { createWebClient, SlackMessenger } from "./messenger.js";
import { SlackStash } from "./stash.js";
import { WorkQueue } from "./work-queue.js";
/** The path Slack posts to (the manifest's request URLs end with it). */
export const SLACK_EVENTS_PATH = "/slack/events";
/** Builds the app, checks the token with auth.test, and mounts or connects it. */
export async function startSlack(server, rt, config) {
    const logger = rt.logger.child({ platform: "slack" });
    const blog = boltLogger(logger);
    const apiUrl = config.SLACK_API_URL ? (config.SLACK_API_URL.endsWith("/") ? config.SLACK_API_URL : `${config.SLACK_API_URL}/`) : undefined;
    // Bolt's client answers interactions; it must not retry behind our back either.
    const clientOptions = { ...(apiUrl ? { slackApiUrl: apiUrl } : {}), retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 10_000 };
    const socket = Boolean(config.SLACK_APP_TOKEN);
    const receiver = socket
        ? new SocketModeReceiver({ appToken: config.SLACK_APP_TOKEN, logger: blog, installerOptions: { clientOptions } })
        : new HTTPReceiver({ signingSecret: config.SLACK_SIGNING_SECRET, endpoints: SLACK_EVENTS_PATH, logger: blog });
    const app = new App({ token: config.SLACK_BOT_TOKEN, receiver, logger: blog, clientOptions, deferInitialization: true });
    try {
        await app.init();
    }
    catch (e) {
        throw new Error(`SLACK_BOT_TOKEN: Slack refused it (${e.data?.error ?? e.message}). Copy the Bot User OAuth Token from the app's "OAuth & Permissions" page.`);
    }
    const stash = new SlackStash(rt.store.db);
    const messenger = new SlackMessenger(createWebClient(config.SLACK_BOT_TOKEN, apiUrl, blog), stash, logger);
    const directory = new SlackDirectory(app.client, logger);
    const dispatcher = new Dispatcher(rt.store, [messenger], logger);
    // A few commands at a time keep the loop free for acks; more would only interleave, not speed up.
    const queue = new WorkQueue(4);
    registerListeners(app, {
        client: app.client,
        stash,
        messenger,
        directory,
        logger,
        fetch: globalThis.fetch,
        now: () => new Date(),
        afterAck: (work) => queue.run(work),
        async handle(input) {
            const result = await rt.bot.handle(input);
            // Proactive messages this one caused go out now, after the answer; the scheduler retries failures.
            if (result.deliveryIds.length > 0) {
                void dispatcher.dispatchDue({ now: new Date(), only: result.deliveryIds }).catch((e) => logger.error({ err: e.message }, "dispatch after message failed"));
            }
            return result.replies;
        },
    });
    await stash.prune(new Date());
    const pruning = setInterval(() => void stash.prune(new Date()).catch(() => undefined), 3_600_000);
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
    const listener = receiver.requestListener;
    server.route("POST", SLACK_EVENTS_PATH, (req, res) => listener(req, res));
    return {
        messenger,
        describe: `slack http POST ${SLACK_EVENTS_PATH}`,
        async stop() {
            clearInterval(pruning);
        },
    };
}
