import { describe, expect, it } from "vitest";
import type { Rule } from "../../src/reminders/rules.ts";
import { candidateDueRange, occurrences } from "../../src/reminders/schedule.ts";
import { addWorkingDays, toWorkingDay } from "../../src/time/working-days.ts";
import { addCivilDays } from "../../src/time/civil-date.ts";

const rule = (kind: Rule["kind"], offsetDays: number, repeatDays: number | null = null, workingDaysOnly = true): Rule => ({ id: 1, kind, offsetDays, repeatDays, deliveryTime: "09:00", workingDaysOnly, channelIds: [] });
const none = new Set<string>();
const days = (r: Rule, due: string, from: string, to: string, holidays: ReadonlySet<string> = none) => occurrences(r, due, from, to, holidays).map((o) => o.day);

describe("reminder schedule", () => {
  it.each([
    // [rule, due, expected days in a wide window, why]
    [rule("before", 14), "2026-06-30", ["2026-06-16"], "a Tuesday stays"],
    [rule("before", 3), "2026-06-30", ["2026-06-26"], "Saturday 27 June moves back to Friday 26"],
    [rule("before", 3, null, false), "2026-06-30", ["2026-06-27"], "calendar days when working days are off"],
    [rule("on", 0), "2026-10-31", ["2026-10-30"], "due on a Saturday: reminded on the Friday"],
    [rule("after", 1), "2026-10-30", ["2026-11-02"], "overdue on Saturday: told on Monday, never before it is overdue"],
    [rule("before", 30), "2026-03-31", ["2026-02-27"], "across a month end: Sunday 1 March moves back to Friday 27 February"],
  ])("%# reminds %o of a deadline due %s on %j (%s)", (r, due, expected, _why) => {
    expect(days(r as Rule, due as string, "2025-01-01", "2027-12-31")).toEqual(expected);
  });

  it("repeats an overdue reminder weekly while open, within the window", () => {
    expect(days(rule("after", 1, 7), "2026-06-30", "2026-07-01", "2026-07-31")).toEqual(["2026-07-01", "2026-07-08", "2026-07-15", "2026-07-22", "2026-07-29"]);
  });

  it("numbers repeats so each occurrence has its own key", () => {
    expect(occurrences(rule("after", 1, 7), "2026-06-30", "2026-07-08", "2026-07-15", none).map((o) => o.index)).toEqual([1, 2]);
  });

  it("moves a reminder off a listed holiday", () => {
    const holidays = new Set(["2026-12-24", "2026-12-25"]);
    expect(days(rule("on", 0), "2026-12-25", "2026-12-01", "2026-12-31", holidays)).toEqual(["2026-12-23"]);
    expect(toWorkingDay("2026-12-26", holidays, 1)).toBe("2026-12-28");
  });

  it("escalates after N working days overdue, skipping weekends and holidays", () => {
    expect(days(rule("escalate", 5), "2026-06-30", "2026-01-01", "2026-12-31")).toEqual(["2026-07-07"]);
    expect(addWorkingDays("2026-12-23", 2, new Set(["2026-12-24", "2026-12-25"]))).toBe("2026-12-29");
  });

  it("finds, for any window, every due day that has an occurrence in it (inverse is a superset)", () => {
    const rules = [rule("before", 14), rule("before", 3), rule("on", 0), rule("after", 1, 7), rule("after", 2), rule("escalate", 5)];
    const holidays = new Set(["2026-05-01", "2026-12-25"]);
    for (const r of rules) {
      for (let w = 0; w < 60; w += 3) {
        const from = addCivilDays("2026-04-01", w);
        const to = addCivilDays(from, 2);
        const range = candidateDueRange(r, from, to);
        for (let d = -400; d < 400; d++) {
          const due = addCivilDays("2026-05-01", d);
          if (occurrences(r, due, from, to, holidays).length > 0) {
            expect(due >= range.from && due <= range.to, `${r.kind} ${due} in ${from}..${to}`).toBe(true);
          }
        }
      }
    }
  });
});
