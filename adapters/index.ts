/**
 * The adapter kit handed to the CLI: console chat and messenger, and the platform servers. Each
 * platform mounts its routes on the one HTTP server when its credentials are configured.
 */
import type { AdapterKit, RunningServers } from "../src/cli/adapter-kit.ts";
import type { Clock } from "../src/core/clock.ts";
import type { Messenger } from "../src/core/messenger.ts";
import type { Runtime } from "../src/runtime/open-runtime.ts";
import { runConsoleChat } from "./console/index.ts";
import { ConsoleMessenger } from "./console/messenger.ts";
import type { HttpServer } from "./http/server.ts";
import { ConfigError } from "../src/config/index.ts";
import { Dispatcher } from "../src/outbox/dispatcher.ts";
import { slackMount } from "./slack/index.ts";
import { teamsMount } from "./teams/index.ts";

/** A platform (or feed) that serves over HTTP when configured. Platform modules are imported lazily. */
export interface Mount {
  name: string;
  /** null when not configured */
  /** the platform's messenger when configured, for one-shot CLI ticks (no server) */
  messenger?(rt: Runtime): Promise<Messenger | null>;
  /**
   * `dispatcher` is the process's one dispatcher: the mount adds its messenger and sends through it.
   * `clock` is when a message arrives (the real one unless a test fixes it).
   */
  mount(server: HttpServer, rt: Runtime, dispatcher?: Dispatcher, clock?: Clock): Promise<{ messenger?: Messenger; describe: string; chat: boolean; stop?(): Promise<void> } | null>;
}

const mounts: Mount[] = [
  // The HTTP server, the feeds and the web console (Fastify and its plugins) load only in `start`:
  // a one-shot tick needs the messengers alone.
  { name: "calendar", mount: async (server, rt, _dispatcher, clock) => ((await import("./http/calendar-route.ts")).mountCalendarRoute(server, rt, clock), { describe: "calendar feeds GET /calendar/<token>.ics", chat: false }) },
  { name: "console", mount: async (server, rt) => ((await import("./web/index.ts")).mountWebConsole(server, rt), { describe: `web console GET /console/ (sign in: secretariat console link --user NAME)`, chat: false }) },
  slackMount,
  teamsMount,
];

/**
 * Starts the HTTP server with every configured mount. `chat` in the result says whether a chat
 * platform (Slack, Teams) is among them; without one, `start` opens the console chat as well.
 */
async function startServers(rt: Runtime, options: { messengers?: Messenger[]; clock?: Clock } = {}): Promise<RunningServers> {
  const { HttpServer } = await import("./http/server.ts");
  const server = new HttpServer(rt.logger, { maxConnections: rt.config.HTTP_MAX_CONNECTIONS });
  // One dispatcher for the process, holding every messenger: what a message on one platform
  // causes for a recipient on another goes out at once, the same way from every platform.
  const dispatcher = new Dispatcher(rt.store, options.messengers ?? [], rt.logger);
  const started: string[] = [];
  let chat = false;
  const messengers: Messenger[] = [];
  const stops: (() => Promise<void>)[] = [];
  for (const m of mounts) {
    const mounted = await m.mount(server, rt, dispatcher, options.clock);
    if (!mounted) continue;
    started.push(mounted.describe);
    chat ||= mounted.chat;
    if (mounted.messenger) messengers.push(mounted.messenger);
    if (mounted.stop) stops.push(mounted.stop);
  }
  if (started.length === 0) return { started, chat, messengers, dispatcher, stop: async () => undefined };
  const address = await server.listen(rt.config.PORT, rt.config.HOST).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "EADDRINUSE") throw new ConfigError(`PORT ${rt.config.PORT} is already in use on ${rt.config.HOST}; set PORT to a free port`);
    throw e;
  });
  started.push(`http ${address.address}:${address.port}`);
  return {
    started,
    chat,
    messengers,
    dispatcher,
    async stop() {
      for (const s of stops) await s();
      await server.close();
    },
  };
}

export const adapterKit: AdapterKit = {
  consoleMessenger: (sink) => new ConsoleMessenger(sink),
  runConsoleChat,
  startServers,
  platformMessengers: async (rt) => (await Promise.all(mounts.map((m) => m.messenger?.(rt) ?? null))).filter((m): m is Messenger => m !== null),
};
