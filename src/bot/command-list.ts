/**
 * Every command the bot understands, in matching order. Each job contributes its own list from
 * src/<job>/commands.ts; free text that matches none goes to the fallback.
 */
import type { AnyCommand } from "./command.ts";
import { coreCommands } from "./commands.ts";
import { forwardCommand } from "./forward.ts";
import { askCommand, knowledgeFallback } from "../knowledge/commands.ts";

export interface CommandSet {
  commands: AnyCommand[];
  fallback?: { command: AnyCommand; toArgs(text: string): Record<string, unknown> };
}

export function buildCommandSet(): CommandSet {
  const commands: AnyCommand[] = [];
  commands.push(...coreCommands(() => commands), forwardCommand, askCommand);
  return { commands, fallback: knowledgeFallback };
}
