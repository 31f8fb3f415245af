/**
 * Every command the bot understands, in matching order. Each job contributes its own list from
 * src/<job>/commands.ts; free text that matches none goes to the fallback.
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
import { askCommand, knowledgeFallback } from "../knowledge/commands.ts";
import { importCommand } from "../knowledge/import-command.ts";

export interface CommandSet {
  commands: AnyCommand[];
  fallback?: { command: AnyCommand; toArgs(text: string): Record<string, unknown> };
}

export function buildCommandSet(): CommandSet {
  const commands: AnyCommand[] = [];
  // Order matters: the first pattern that matches wins; specific commands before general ones.
  commands.push(...coreCommands(() => commands));
  commands.push(...collectionCommands);
  commands.push(...planningCommands);
  commands.push(forwardCommand);
  commands.push(...workingPartyCommands);
  commands.push(...adminCommands);
  commands.push(...reminderCommands);
  commands.push(homeCommand);
  // "ask the secretariat: …" is matched above, before the general "ask …".
  commands.push(importCommand, askCommand);
  return { commands, fallback: knowledgeFallback };
}
