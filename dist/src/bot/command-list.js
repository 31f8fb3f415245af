import { coreCommands } from "./commands.js";
import { forwardCommand } from "./forward.js";
import { adminCommands } from "../admin/commands.js";
import { reminderCommands } from "../reminders/commands.js";
import { collectionCommands } from "../collection/commands.js";
import { homeCommand } from "./home.js";
import { planningCommands } from "../planning/commands.js";
import { askCommand, knowledgeFallback } from "../knowledge/commands.js";
export function buildCommandSet() {
    const commands = [];
    // Order matters: the first pattern that matches wins; specific commands before general ones.
    commands.push(...coreCommands(() => commands));
    commands.push(...collectionCommands);
    commands.push(...planningCommands);
    commands.push(forwardCommand);
    commands.push(...adminCommands);
    commands.push(...reminderCommands);
    commands.push(homeCommand);
    // "ask the secretariat: …" is matched above, before the general "ask …".
    commands.push(askCommand);
    return { commands, fallback: knowledgeFallback };
}
