/**
 * Every command the bot understands. Each job contributes its own list from src/<job>/commands.ts;
 * how they are typed is the grammar table (grammar.ts), and the list's order is help's order.
 */
import type { AnyCommand } from "../core/command.ts";
import { coreCommands } from "./commands.ts";
import { forwardCommand } from "./forward.ts";
import { adminCommands } from "../admin/commands.ts";
import { workingPartyCommands } from "../admin/wp-commands.ts";
import { reminderCommands } from "../reminders/commands.ts";
import { collectionCommands } from "../collection/commands.ts";
import { homeCommand } from "./home.ts";
import { planningCommands } from "../planning/commands.ts";
import { askCommand } from "../knowledge/commands.ts";
import { importCommand } from "../knowledge/import-command.ts";

export interface CommandSet {
  commands: AnyCommand[];
}

export function buildCommandSet(): CommandSet {
  const commands: AnyCommand[] = [];
  commands.push(...coreCommands(() => commands));
  commands.push(...collectionCommands);
  commands.push(...planningCommands);
  commands.push(forwardCommand);
  commands.push(...workingPartyCommands);
  commands.push(...adminCommands);
  commands.push(...reminderCommands);
  commands.push(homeCommand);
  commands.push(importCommand, askCommand);
  return { commands };
}
