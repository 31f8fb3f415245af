/**
 * Commands are data, as in Hubot's CommandBus: the router matches, validates and checks roles
 * before a handler runs, and help is built from the same specs. How each is typed in chat is in
 * one grammar table (src/bot/grammar.ts); buttons, forms and the CLI name a command by id. A
 * handler never parses text or checks permissions.
 */
import type { z } from "zod";
import type { Config } from "../config/index.ts";
import type { Logger } from "../log/logger.ts";
import type { Actor } from "./actor.ts";
import type { IncomingMessage, Role } from "./message.ts";
import type { Reply } from "./reply.ts";

/**
 * What every handler may use. Built once at start. The core sits below the store and the outbox,
 * so it cannot name them: the layers that provide a service add it to this interface themselves
 * (`declare module "../core/command.ts"`, in src/store/index.ts for `store`), the way Fastify
 * plugins add decorators. The core stays free of imports from above.
 */
export interface CoreDeps {
  config: Config;
  logger: Logger;
}

/** What one handler call sees. src/outbox adds `outbox` (see CoreDeps for why it is added there). */
export interface CommandContext {
  actor: Actor;
  deps: CoreDeps;
  /** the moment the message arrived; rules take time as an input */
  now: Date;
  message: IncomingMessage;
}

export interface CommandSpec<S extends z.ZodType = z.ZodType> {
  /** "deadlines.list": buttons and forms name a command by id */
  id: string;
  /** heading it is listed under in help */
  group: string;
  summary: string;
  /** how to type it, e.g. "deadlines [this month|overdue|mine]" */
  usage: string;
  examples: string[];
  args: S;
  /** who may run it; absent means everyone */
  roles?: readonly Role[];
  /**
   * It only reads, so it runs outside a unit of work and never queues behind a command that
   * writes (the knowledge job's questions, most of the traffic). Writes it made anyway would each
   * commit on their own.
   */
  readOnly?: boolean;
  handler(args: z.infer<S>, ctx: CommandContext): Promise<Reply | Reply[]>;
}

/** Identity helper that keeps the handler's argument type tied to its schema. */
export function defineCommand<S extends z.ZodType>(spec: CommandSpec<S>): CommandSpec<S> {
  return spec;
}

export type AnyCommand = CommandSpec<z.ZodType>;
