/** A working party's holidays, on which no reminder goes out: the rule for a valid list. */
import { InputError } from "../core/errors.ts";
import { civilDateProblem } from "../time/civil-date.ts";

/** Validates a holiday list: real YYYY-MM-DD days, sorted, no duplicates. */
export function normaliseHolidays(days: string[]): string[] {
  for (const d of days) {
    const problem = civilDateProblem(d);
    if (problem) throw new InputError(problem.includes(d) ? `Holiday ${problem}; nothing was changed.` : `Holiday "${d}": ${problem}; nothing was changed.`, { days: problem });
  }
  return [...new Set(days)].sort();
}
