/**
 * Commands are data, as in Hubot's CommandBus: the router matches, validates and checks roles
 * before a handler runs, and help is built from the same specs. A handler never parses text or
 * checks permissions.
 */
import type { z } from "zod";
import type { Config } from "../config/index.ts";
import type { Logger } from "../log/logger.ts";
import type { Outbox } from "../outbox/outbox.ts";
import type { Store } from "../store/index.ts";
import type { Reply } from "./reply.ts";
import type { Actor, IncomingMessage, Role } from "./types.ts";

/** What every handler may use. Built once at start. */
export interface CoreDeps {
  store: Store;
  config: Config;
  logger: Logger;
}

export interface CommandContext {
  actor: Actor;
  deps: CoreDeps;
  /** the moment the message arrived; rules take time as an input */
  now: Date;
  message: IncomingMessage;
  /** records proactive messages; the ones this message causes are sent right after it */
  outbox: Outbox;
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
  /** text patterns; named groups become raw arguments for `args` */
  patterns: RegExp[];
  args: S;
  /** who may run it; absent means everyone */
  roles?: readonly Role[];
  handler(args: z.infer<S>, ctx: CommandContext): Promise<Reply | Reply[]>;
}

/** Identity helper that keeps the handler's argument type tied to its schema. */
export function defineCommand<S extends z.ZodType>(spec: CommandSpec<S>): CommandSpec<S> {
  return spec;
}

export type AnyCommand = CommandSpec<z.ZodType>;
