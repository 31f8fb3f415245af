/**
 * How the CLI's own lines write a deadline: the day as YYYY-MM-DD, as the CLI reads days and its
 * JSON carries them, then the words it came from only when they say more than the day
 * (`2027-06-30 ("June 2027")`, but `2026-12-20`, never `2026-12-20 ("2026-12-20")`). The chat
 * messages the CLI prints (`say`, `reminders tick`) keep the chat's long form: they show what
 * people were sent.
 */
import { dueWords } from "../time/due-words.ts";

/** ` ("June 2027")` after a deadline's day, or nothing when the words are the day itself. */
export function cliWords(d: { due: string; dueText: string }): string {
  const words = dueWords(d.dueText, d.due);
  return words === null ? "" : ` ("${words}")`;
}
