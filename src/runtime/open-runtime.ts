/**
 * Opens everything the core needs for one process: config, logger, store (migrated and seeded)
 * and the bot. The CLI and the servers start here.
 */
import type { Bot } from "../bot/index.ts";
import type { CoreDeps } from "../core/command.ts";
import type { Config } from "../config/index.ts";
import type { Logger } from "../log/logger.ts";
import { openStore, type Store } from "../store/index.ts";
import { seedStep } from "./seed.ts";
import { seeders } from "./seeders.ts";

export interface Runtime {
  config: Config;
  logger: Logger;
  store: Store;
  deps: CoreDeps;
  /** the chat core; its commands (every job's) are loaded on the first message */
  bot: Pick<Bot, "deps" | "handle" | "handleAlone">;
  close(): Promise<void>;
}

export async function openRuntime(config: Config, logger: Logger): Promise<Runtime> {
  const store = await openStore(config.DATABASE_URL, { setup: seedStep(seeders) });
  const deps: CoreDeps = { store, config, logger };
  return { config, logger, store, deps, bot: lazyBot(deps), close: () => store.close() };
}

// One-shot commands such as `ask` or `deadlines` never route a chat message; loading every job's
// chat commands for them would cost most of their start-up.
function lazyBot(deps: CoreDeps): Pick<Bot, "deps" | "handle" | "handleAlone"> {
  let bot: Promise<Bot> | undefined;
  const load = () => (bot ??= import("../bot/index.ts").then((m) => m.createBot(deps)));
  return {
    deps,
    handle: async (input) => (await load()).handle(input),
    handleAlone: async (input) => (await load()).handleAlone(input),
  };
}
