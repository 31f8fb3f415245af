/**
 * Working days: Monday to Friday, less the working party's listed holidays. A reminder that falls
 * on another day moves: before and on the due day to the working day before (so it still comes
 * early), after the due day to the working day after (so "overdue" is never said before it is).
 */
import { addCivilDays, isoWeekday, type CivilDate } from "./civil-date.ts";

export function isWorkingDay(day: CivilDate, holidays: ReadonlySet<string>): boolean {
  return isoWeekday(day) <= 5 && !holidays.has(day);
}

/** The day itself if it is a working day, else the nearest working day in `direction`. */
export function toWorkingDay(day: CivilDate, holidays: ReadonlySet<string>, direction: -1 | 1): CivilDate {
  let d = day;
  // A year of holidays in a row is a configuration error, not a reason to loop forever.
  for (let i = 0; i < 366 && !isWorkingDay(d, holidays); i++) d = addCivilDays(d, direction);
  return d;
}

/**
 * The day `n` working days after `day` (before it when n < 0), e.g. "overdue 5 working days" or
 * "chase 7 working days before". n = 0 is the day itself, whatever it is.
 */
export function addWorkingDays(day: CivilDate, n: number, holidays: ReadonlySet<string>): CivilDate {
  const step = n < 0 ? -1 : 1;
  let d = day;
  let left = Math.abs(n);
  for (let i = 0; left > 0 && i < 3660; i++) {
    d = addCivilDays(d, step);
    if (isWorkingDay(d, holidays)) left--;
  }
  return d;
}
