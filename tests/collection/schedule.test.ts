import { describe, expect, it } from "vitest";
import { chaseSchedule, civilDay, dueChase } from "../../src/collection/schedule.ts";
import { instantAt } from "../../src/time/civil-date.ts";
import { addWorkingDays } from "../../src/time/working-days.ts";
const workingDaysBefore = (due: string, n: number, holidays: ReadonlySet<string> = new Set()) => addWorkingDays(due, -n, holidays);

const TZ = "Europe/Brussels";

describe("chase schedule", () => {
  it.each([
    // due Tuesday 15 December 2026: 7 working days before skips the weekend of 12–13 December
    ["2026-12-15", 7, "2026-12-04"],
    ["2026-12-15", 2, "2026-12-11"],
    ["2026-12-15", 0, "2026-12-15"],
    // due Monday: 2 working days before is the Thursday
    ["2026-12-14", 2, "2026-12-10"],
  ])("counts %s minus %i working days as %s", (due, n, want) => {
    expect(workingDaysBefore(due, n)).toBe(want);
  });

  it("skips the working party's holidays", () => {
    expect(workingDaysBefore("2026-12-15", 2, new Set(["2026-12-11"]))).toBe("2026-12-10");
  });

  it("chases at 09:00 Brussels time, in winter and in summer", () => {
    const winter = chaseSchedule("2026-12-15", TZ);
    expect(winter.map((o) => [o.tag, o.at.toISOString()])).toEqual([
      ["wd-7", "2026-12-04T08:00:00.000Z"],
      ["wd-2", "2026-12-11T08:00:00.000Z"],
      ["due-day", "2026-12-15T08:00:00.000Z"],
    ]);
    expect(instantAt("2026-06-15", "09:00", TZ).toISOString()).toBe("2026-06-15T07:00:00.000Z");
  });

  it("picks the latest chase that has come, none before it and none after the due day", () => {
    const s = chaseSchedule("2026-12-15", TZ);
    const opts = { startedAt: new Date("2026-11-20T10:00:00Z"), due: "2026-12-15", timeZone: TZ };
    expect(dueChase(s, { ...opts, now: new Date("2026-12-04T07:59:00Z") })).toBeNull();
    expect(dueChase(s, { ...opts, now: new Date("2026-12-04T08:00:00Z") })?.tag).toBe("wd-7");
    // after downtime across two occurrences only the latest is sent
    expect(dueChase(s, { ...opts, now: new Date("2026-12-14T12:00:00Z") })?.tag).toBe("wd-2");
    expect(dueChase(s, { ...opts, now: new Date("2026-12-15T22:59:00Z") })?.tag).toBe("due-day");
    expect(dueChase(s, { ...opts, now: new Date("2026-12-15T23:00:00Z") })).toBeNull(); // 16 December in Brussels
  });

  it("does not chase for an occurrence planned before the collection started", () => {
    const s = chaseSchedule("2026-12-15", TZ);
    const now = new Date("2026-12-08T10:00:00Z");
    expect(dueChase(s, { now, startedAt: new Date("2026-12-07T10:00:00Z"), due: "2026-12-15", timeZone: TZ })).toBeNull();
  });

  it("reads today in the working party's time zone", () => {
    expect(civilDay(new Date("2026-12-15T23:30:00Z"), TZ)).toBe("2026-12-16");
    expect(civilDay(new Date("2026-12-15T22:30:00Z"), TZ)).toBe("2026-12-15");
  });
});
