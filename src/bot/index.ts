/**
 * The bot: one router over every command, and the one entry adapters call. Created once at start.
 */
import type { CoreDeps } from "../core/command.ts";
import { buildCommandSet } from "./command-list.ts";
import { handleMessage, type HandleResult } from "./handle-message.ts";
import { fallback, grammar } from "./grammar.ts";
import { CommandRouter } from "./router.ts";
import { FormDialogues } from "./form-dialogue.ts";
import type { IncomingMessage } from "../core/message.ts";

export interface Bot {
  readonly router: CommandRouter;
  readonly deps: CoreDeps;
  handle(input: IncomingMessage): Promise<HandleResult>;
  /** A message no other follows (`secretariat say`): a form is shown, never asked field by field. */
  handleAlone(input: IncomingMessage): Promise<HandleResult>;
}

export function createBot(deps: CoreDeps): Bot {
  const set = buildCommandSet();
  const router = new CommandRouter(set.commands, grammar, fallback);
  // forms answered field by field on the console: the answers so far, per conversation and person
  const dialogues = new FormDialogues({ command: (id) => router.get(id), isCommand: (t) => router.isCommand(t), run: (input) => handleMessage(input, router, deps) });
  return { router, deps, handle: (input) => dialogues.handle(input), handleAlone: (input) => handleMessage(input, router, deps) };
}

export type { HandleResult } from "./handle-message.ts";
export type { IncomingMessage, Platform, Role } from "../core/message.ts";
export type { Actor } from "../core/actor.ts";
export type { Reply, Block } from "../core/reply.ts";
