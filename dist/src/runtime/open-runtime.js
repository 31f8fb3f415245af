/**
 * Opens everything the core needs for one process: config, logger, store (migrated and seeded)
 * and the bot. The CLI and the servers start here.
 */
import { createBot } from "../bot/index.js";
import { openStore } from "../store/index.js";
import { seedStep } from "./seed.js";
import { seeders } from "./seeders.js";
export async function openRuntime(config, logger) {
    const store = await openStore(config.DATABASE_URL, { setup: seedStep(seeders) });
    const deps = { store, config, logger };
    const bot = createBot(deps);
    return { config, logger, store, deps, bot, close: () => store.close() };
}
