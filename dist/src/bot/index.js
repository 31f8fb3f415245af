import { buildCommandSet } from "./command-list.js";
import { handleMessage } from "./handle-message.js";
import { CommandRouter } from "./router.js";
export function createBot(deps) {
    const set = buildCommandSet();
    const router = new CommandRouter(set.commands, set.fallback);
    return { router, deps, handle: (input) => handleMessage(input, router, deps) };
}
