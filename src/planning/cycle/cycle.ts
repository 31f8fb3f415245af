/**
 * The plan cycle rule. The 2009 strategy: 18-month action plans, and "the CCWP will aim to adopt a
 * new action plan at least 2 months before the end of the current action plan". A plan starting
 * 1 July 1997 ends 31 December 1998 and the next must be adopted by 31 October 1998.
 */
import { addDays } from "date-fns/addDays";
import { addMonths } from "date-fns/addMonths";
import { endOfMonth } from "date-fns/endOfMonth";
import { isLastDayOfMonth } from "date-fns/isLastDayOfMonth";
import { subMonths } from "date-fns/subMonths";
import { tzDay, toCivil, type CivilDate } from "../../time/civil-date.ts";

/** The dates of one plan cycle, as civil dates. */
export interface Cycle {
  start: CivilDate;
  end: CivilDate;
  adoptNextBy: CivilDate;
}

/** Inputs of the rule; defaults are the CCWP's (18 months, 2 months' lead, Brussels). */
export interface CycleInput {
  start: CivilDate;
  months?: number;
  adoptLeadMonths?: number;
  timeZone?: string;
}

/**
 * end = start + N months − 1 day; adoptNextBy = end − lead months. When the end is a month's last
 * day, so is adoptNextBy (30 September − 2 months is 31 July, not 30 July), because plans are
 * written in whole months. Arithmetic runs on the working party's calendar (TZDate), so DST never
 * moves a day.
 */
export function computeCycle(input: CycleInput): Cycle {
  const months = input.months ?? 18;
  const lead = input.adoptLeadMonths ?? 2;
  const tz = input.timeZone ?? "Europe/Brussels";
  if (!Number.isInteger(months) || months < 1) throw new RangeError(`plan length must be a whole number of months ≥ 1 (got ${months})`);
  if (!Number.isInteger(lead) || lead < 0 || lead >= months)
    throw new RangeError(`adoption lead must be a whole number of months from 0 to ${months - 1} (got ${lead})`);
  const start = tzDay(input.start, tz);
  const same = addMonths(start, months);
  // 31 August + 6 months has no 31 February: date-fns clamps to 28 February, which is then
  // already the day before "1 March", the first day after the plan.
  const end = same.getDate() !== start.getDate() ? same : addDays(same, -1);
  return { start: toCivil(start), end: toCivil(end), adoptNextBy: adoptByFromEnd(toCivil(end), lead, tz) };
}

/** "Adopt the next plan by": `lead` months before a plan's end, at month end when the end is one. */
export function adoptByFromEnd(end: CivilDate, lead: number, timeZone = "Europe/Brussels"): CivilDate {
  const e = tzDay(end, timeZone);
  const back = subMonths(e, lead);
  return toCivil(isLastDayOfMonth(e) ? endOfMonth(back) : back);
}

/** Where a plan stands on a given day: not started, running, late to adopt the next, or ended. */
export type CycleState = "upcoming" | "running" | "adoption-late" | "ended";

/** The state of a cycle on civil day `today`; "adoption-late": past adoptNextBy, plan still running. */
export function cycleState(c: Cycle, today: CivilDate): CycleState {
  if (today < c.start) return "upcoming";
  if (today > c.end) return "ended";
  if (today > c.adoptNextBy) return "adoption-late";
  return "running";
}
