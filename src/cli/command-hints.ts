/**
 * How the command line writes a command a message names (a CommandHint): one rule for every
 * refusal, so none tells a CLI user to type a chat phrase. A command id is typed as its words
 * ("collect.start" → secretariat collect start) and each argument as its option (flagOf), or in
 * place where the command takes it positionally. A command the CLI does not have is sent to the
 * bot through secretariat say, as typed in chat.
 */
import type { BotError } from "../core/errors.ts";
import { saidText, type CommandHint, type Said } from "../core/reply.ts";
import { flagOf } from "./options.ts";

/** The bot commands the CLI runs under their own words, and the arguments each takes in place. */
const cliCommands: Record<string, { positional?: string[] }> = {
  "collect.start": {},
  "collect.status": {},
  "collect.compile": {},
  "reminders.remove": { positional: ["id"] },
  "reminders.time": { positional: ["time"] },
};

/** The command line that does what `h` names. */
export function cliCommandText(h: CommandHint): string {
  const known = cliCommands[h.command];
  if (!known) return `secretariat say --as YOU "${h.text}"`;
  const inPlace = known.positional ?? [];
  const words = ["secretariat", ...h.command.split("."), ...inPlace.filter((k) => k in h.args).map((k) => String(h.args[k]))];
  for (const [k, v] of Object.entries(h.args)) if (!inPlace.includes(k)) words.push(flagOf(k), String(v));
  return words.join(" ");
}

/** A message as the command line says it. */
export const cliText = (parts: string | Said): string => saidText(parts, cliCommandText);

/** A refusal of the core as the command line says it. */
export const cliRefusal = (e: BotError): string => cliText(e.said ?? e.userMessage);
