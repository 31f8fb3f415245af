/**
 * Civil dates ("YYYY-MM-DD", a day on the working party's calendar; see docs/database.md) and the
 * instants they meet. Day arithmetic runs on the calendar, never by adding 24 hours, so a DST
 * change cannot shift a day; the time zone only matters when a day and a local time become an
 * instant. date-fns is imported per function: its index would load every function at start-up.
 */
import { TZDate } from "@date-fns/tz";
import { addDays } from "date-fns/addDays";
import { getISODay } from "date-fns/getISODay";
import { isValid } from "date-fns/isValid";

/** A calendar day as text, e.g. "1998-12-31". */
export type CivilDate = string;

const CIVIL = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The parts of a civil date, or null when it is not a real day (e.g. "1998-02-30"). */
export function civilParts(s: string): { y: number; m: number; d: number } | null {
  const m = CIVIL.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return { y, m: mo, d };
}

/** True for a real calendar day written YYYY-MM-DD. */
export function isCivilDate(s: string): boolean {
  return civilParts(s) !== null;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/**
 * What is wrong with a day as typed, or undefined when it is a real day written YYYY-MM-DD. Tells
 * a malformed day ("next week") from a well-formed one the calendar lacks ("2026-02-30"), which
 * is the mistake people make: the one wording for every date an option or a chat command takes.
 */
export function civilDateProblem(s: string): string | undefined {
  const m = CIVIL.exec(s.trim());
  if (!m) return "a day written YYYY-MM-DD, e.g. 2026-03-01";
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12) return `${s.trim()} is not a calendar day (months run from 01 to 12)`;
  const days = daysInMonth(y, mo);
  if (d < 1 || d > days) return `${s.trim()} is not a calendar day (${MONTHS[mo - 1]} ${y} has ${days} days)`;
  return undefined;
}

/** Formats year, month (1-12), day as "YYYY-MM-DD". */
export function civil(y: number, m: number, d: number): CivilDate {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Days in month `m` (1-12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Midnight of a civil day in a time zone, as a TZDate (for date-fns arithmetic in that zone). */
export function tzDay(day: CivilDate, timeZone: string): TZDate {
  const p = civilParts(day);
  if (!p) throw new RangeError(`not a calendar day: ${day}`);
  return new TZDate(p.y, p.m - 1, p.d, timeZone);
}

/** The civil day of a date-fns date in its own zone. */
export function toCivil(date: Date): CivilDate {
  if (!isValid(date)) throw new RangeError("invalid date");
  return civil(date.getFullYear(), date.getMonth() + 1, date.getDate());
}

/** The civil day an instant falls on in a time zone ("today" when the instant is now). */
export function civilDateAt(instant: Date, timeZone: string): CivilDate {
  return toCivil(new TZDate(instant.getTime(), timeZone));
}

/** Today in a time zone: the civil day `now` falls on there. */
export const todayIn = civilDateAt;

/** The instant a local time ("HH:MM") on a civil date occurs in a time zone (DST-correct). */
export function instantAt(day: CivilDate, time: string, timeZone: string): Date {
  const p = civilParts(day);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!p || !t) throw new RangeError(`bad day or time: ${day} ${time}`);
  return new Date(new TZDate(p.y, p.m - 1, p.d, Number(t[1]), Number(t[2]), 0, timeZone).getTime());
}

/** True when the string is a time zone the runtime knows. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** English month names, January first. */
export const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"] as const;

/** "31 December 1998" for a civil date. */
export function longDate(day: CivilDate): string {
  const p = civilParts(day);
  if (!p) return day;
  return `${p.d} ${MONTH_NAMES[p.m - 1]} ${p.y}`;
}

/** Whole days from civil day `a` to `b` (negative when b is before a). */
export function daysBetween(a: CivilDate, b: CivilDate): number {
  const pa = civilParts(a)!;
  const pb = civilParts(b)!;
  return Math.round((Date.UTC(pb.y, pb.m - 1, pb.d) - Date.UTC(pa.y, pa.m - 1, pa.d)) / 86_400_000);
}

/** `day` plus `n` calendar days (n may be negative). */
export function addCivilDays(day: CivilDate, n: number): CivilDate {
  const p = civilParts(day);
  if (!p) throw new RangeError(`not a calendar day: ${day}`);
  return addDays(new Date(Date.UTC(p.y, p.m - 1, p.d)), n).toISOString().slice(0, 10);
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: CivilDate): number {
  const p = civilParts(day);
  if (!p) throw new RangeError(`not a calendar day: ${day}`);
  return getISODay(new Date(p.y, p.m - 1, p.d));
}
