/**
 * The stretch of days a deadline list covers when a member names one in chat: "this week", "next
 * month", "March 2027", "Q1 2027", "2027". Named periods are read by the deadline-phrase rules (the
 * same words a plan file uses), so "March 2027" means here what it means as a deadline. Pure: today
 * is an input.
 */
import { addCivilDays, civil, civilParts, daysInMonth, isoWeekday, longDate, MONTH_NAMES, type CivilDate } from "../../time/civil-date.ts";
import { parseDeadlinePhrase } from "./deadline-phrase.ts";

/** Inclusive civil days and how to name them ("this week", "March 2027"). */
export interface DeadlineWindow {
  from: CivilDate;
  until: CivilDate;
  name: string;
}

/** The windows named relative to today. */
export const RELATIVE_WINDOWS = ["this week", "next week", "this month", "next month"] as const;
export type RelativeWindow = (typeof RELATIVE_WINDOWS)[number];

/** Weeks run Monday to Sunday (ISO 8601), as the Council's calendar does. */
export function relativeWindow(which: RelativeWindow, today: CivilDate): DeadlineWindow {
  if (which === "this week" || which === "next week") {
    const monday = addCivilDays(today, 1 - isoWeekday(today) + (which === "next week" ? 7 : 0));
    return { from: monday, until: addCivilDays(monday, 6), name: which };
  }
  const { y, m } = civilParts(today)!;
  const [yy, mm] = which === "this month" ? [y, m] : m === 12 ? [y + 1, 1] : [y, m + 1];
  return { from: civil(yy, mm, 1), until: civil(yy, mm, daysInMonth(yy, mm)), name: which };
}

/** Months back from a period's last month to its first, by the phrase's precision. */
const SPAN_MONTHS = { month: 0, quarter: 2, half: 5, year: 11 } as const;

/**
 * A named period ("March 2027", "Q1 2027", "first half of 2027", "2027", "2027-03-15"), or a
 * message saying how to name one. A month without a year is its next occurrence: "March" in
 * December 2026 is March 2027, in March 2027 the current month.
 */
export function namedWindow(words: string, today: CivilDate): DeadlineWindow | { error: string } {
  const typed = words.trim();
  const month = MONTH_NAMES.findIndex((n) => n.toLowerCase() === typed.toLowerCase()) + 1;
  const { y, m } = civilParts(today)!;
  const phrase = month > 0 ? `${MONTH_NAMES[month - 1]} ${month < m ? y + 1 : y}` : typed;
  const parsed = parseDeadlinePhrase(phrase, { reference: today });
  const usage = `Name a day, month, quarter, half or year, e.g. deadlines in March 2027, deadlines in Q1 2027, deadlines in 2027.`;
  if (!parsed.ok) return { error: `I cannot read “${typed}” as a period. ${usage}` };
  const until = parsed.dueDate;
  if (parsed.precision === "day") return { from: until, until, name: `on ${longDate(until)}` };
  if (!(parsed.precision in SPAN_MONTHS)) return { error: `“${typed}” names when something is due, not a stretch of days to list. ${usage}` };
  const last = civilParts(until)!;
  const back = SPAN_MONTHS[parsed.precision as keyof typeof SPAN_MONTHS];
  const first = last.m - back;
  const from = first >= 1 ? civil(last.y, first, 1) : civil(last.y - 1, first + 12, 1);
  // A month is named as dates are written ("March 2027"); other periods as they were typed.
  return { from, until, name: `in ${parsed.precision === "month" ? `${MONTH_NAMES[last.m - 1]} ${last.y}` : typed}` };
}
