/**
 * Matches text (through the grammar table), button presses and form submissions (by command id)
 * to a command, checks the actor's role and validates the arguments with the command's zod
 * schema, in that order. Pure: no I/O.
 */
import type { z } from "zod";
import type { AnyCommand } from "../core/command.ts";
import { InputError, NotFoundError, PermissionError } from "../core/errors.ts";
import type { Actor } from "../core/actor.ts";
import type { IncomingMessage } from "../core/message.ts";
import { plainIssue } from "../core/plain-issue.ts";
import type { Phrase } from "./grammar.ts";
import { NearMiss } from "./near-miss.ts";

export type Routed = { command: AnyCommand; args: unknown };

/** Where text no phrase matched goes (free questions go to the knowledge base). */
export interface Fallback {
  command: string;
  args(text: string): Record<string, unknown>;
}

export class CommandRouter {
  private readonly byId = new Map<string, AnyCommand>();
  readonly commands: readonly AnyCommand[];
  readonly grammar: readonly Phrase[];
  private readonly fallback?: Fallback;
  private readonly nearMiss: NearMiss;

  /** Refuses at construction a duplicate id, and a phrase or fallback naming no command. */
  constructor(commands: readonly AnyCommand[], grammar: readonly Phrase[], fallback?: Fallback) {
    this.commands = commands;
    this.grammar = grammar;
    this.fallback = fallback;
    for (const c of commands) {
      if (this.byId.has(c.id)) throw new Error(`command id ${c.id} registered twice`);
      this.byId.set(c.id, c);
    }
    for (const id of [...grammar.map((p) => p.command), ...(fallback ? [fallback.command] : [])])
      if (!this.byId.has(id)) throw new Error(`the grammar names command ${id}, which is not registered`);
    this.nearMiss = new NearMiss(
      commands.filter((c) => c.id !== fallback?.command),
      (text) => this.phrase(text)?.command,
    );
  }

  get(id: string): AnyCommand | undefined {
    return this.byId.get(id);
  }

  /** Finds the command and its validated arguments, or throws a BotError that says why not. */
  route(message: IncomingMessage, actor: Actor): Routed {
    const found = this.match(message);
    const command = found.command;
    if (command.roles && !command.roles.includes(actor.role)) {
      throw new PermissionError(
        `Only ${listRoles(command.roles)} can ${command.summary.replace(/\.$/, "").toLowerCase()}. You are ${article(actor.role)} ${actor.role}${actor.delegation ? ` (${actor.delegation})` : ""}; nothing was changed.`,
      );
    }
    const parsed = (command.args as z.ZodType).safeParse(found.raw, { error: plainIssue });
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? "_");
        fieldErrors[key] ??= issue.message;
      }
      const detail = Object.entries(fieldErrors)
        .map(([k, v]) => (k === "_" ? v : `${k}: ${v}`))
        .join("; ");
      throw new InputError(`${detail}. Usage: ${command.usage}`, fieldErrors);
    }
    return { command, args: parsed.data };
  }

  /** The command a message names and its raw arguments, before roles and validation. */
  match(message: IncomingMessage): { command: AnyCommand; raw: Record<string, unknown> } {
    if (message.kind === "action" || message.kind === "form") {
      const command = this.byId.get(message.command);
      if (!command) throw new NotFoundError(`That button or form is out of date (no command "${message.command}"). Type help to see what I can do.`);
      return { command, raw: message.kind === "action" ? message.args : message.values };
    }
    const text = normalizeCommandText(message.text);
    const matched = this.phrase(text);
    if (matched) return matched;
    // A mistyped or incomplete command is answered with its usage, never taken for a question.
    const hint = this.nearMiss.suggest(text);
    if (hint) throw new InputError(hint);
    if (this.fallback) return { command: this.byId.get(this.fallback.command)!, raw: this.fallback.args(text) };
    throw new NotFoundError(`I did not understand "${truncate(text, 80)}". Type help to see what I can do.`);
  }

  /** Whether a text is a whole command of the grammar: not a question, not a near miss. */
  isCommand(text: string): boolean {
    return this.phrase(normalizeCommandText(text)) !== undefined;
  }

  /** The first phrase of the grammar that matches the whole (normalised) text. */
  private phrase(text: string): { command: AnyCommand; raw: Record<string, unknown> } | undefined {
    for (const phrase of this.grammar) {
      const m = phrase.pattern.exec(text);
      if (!m) continue;
      const groups = { ...(m.groups ?? {}) };
      return { command: this.byId.get(phrase.command)!, raw: phrase.args ? phrase.args(groups) : groups };
    }
    return undefined;
  }
}

/** Trims and collapses whitespace and control characters. */
export function normalizeCommandText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const article = (w: string) => (/^[aeiou]/i.test(w) ? "an" : "a");
function listRoles(roles: readonly string[]): string {
  const names = roles.map((r) => (r === "secretariat" ? "the secretariat" : `${r}s`));
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
