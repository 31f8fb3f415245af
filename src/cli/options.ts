/** Validates a command's options with zod; a bad one is a usage error naming the option. */
import { z } from "zod";
import { plainIssue } from "../core/plain-issue.ts";
import { civilDateProblem } from "../time/civil-date.ts";
import { CliError } from "./io.ts";

/** The flag a commander option key is typed as: adoptLead → --adopt-lead. */
export const flagOf = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * "--limit: a whole number, not "x"": what the option should be and, when the message does not
 * already say it, what was given. An empty `flag` names nothing (a positional argument whose
 * usage follows says which it is).
 */
export function optionProblem(flag: string, message: string, given: unknown): string {
  const shown = typeof given === "string" && given.trim() !== "" && !message.includes(given.trim()) ? `, not "${given.trim().slice(0, 40)}"` : "";
  return `${flag ? `${flag}: ` : ""}${message}${shown}`;
}

export function parseOptions<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw, { error: plainIssue });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (!issue.path.length) throw new CliError(issue.message, 2);
  const key = String(issue.path[0]);
  throw new CliError(optionProblem(flagOf(key), issue.message, (raw as Record<string, unknown>)[key]), 2);
}

/** A day option (--from, --until, --today, --date): a real day written YYYY-MM-DD. */
export const DayOption = z
  .string()
  .trim()
  .superRefine((s, ctx) => {
    const problem = civilDateProblem(s);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
