/**
 * Opens everything the core needs for one process: config, logger, store (migrated and seeded)
 * and the bot. The CLI and the servers start here.
 */
import { createBot, type Bot } from "../bot/index.ts";
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
  bot: Bot;
  close(): Promise<void>;
}

export async function openRuntime(config: Config, logger: Logger): Promise<Runtime> {
  const store = await openStore(config.DATABASE_URL, { setup: seedStep(seeders) });
  const deps: CoreDeps = { store, config, logger };
  const bot = createBot(deps);
  return { config, logger, store, deps, bot, close: () => store.close() };
}
