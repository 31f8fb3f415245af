import { describe, expect, it } from "vitest";
import { addCivilDays, civilDateAt, daysBetween, instantAt, isCivilDate } from "../../src/time/civil-date.ts";

describe("civil dates", () => {
  it.each([
    ["2026-03-28", "09:00", "2026-03-28T08:00:00.000Z"], // CET, the day before summer time
    ["2026-03-29", "09:00", "2026-03-29T07:00:00.000Z"], // CEST from 02:00 that night
    ["2026-10-25", "09:00", "2026-10-25T08:00:00.000Z"], // back to CET
    ["2026-10-24", "23:30", "2026-10-24T21:30:00.000Z"],
  ])("puts %s %s Brussels time at %s", (day, time, iso) => {
    expect(instantAt(day, time, "Europe/Brussels").toISOString()).toBe(iso);
  });

  it("reads the civil day of an instant in the working party's zone, not UTC", () => {
    expect(civilDateAt(new Date("2026-06-30T22:30:00Z"), "Europe/Brussels")).toBe("2026-07-01");
    expect(civilDateAt(new Date("2026-06-30T22:30:00Z"), "UTC")).toBe("2026-06-30");
  });

  it("reads the civil day in Brussels across the spring change", () => {
    expect(civilDateAt(new Date("2026-03-28T23:30:00Z"), "Europe/Brussels")).toBe("2026-03-29");
    expect(addCivilDays("2026-11-23", 60)).toBe("2027-01-22");
  });

  it("adds days on the calendar across month ends, leap days and DST", () => {
    expect(addCivilDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addCivilDays("2026-03-31", -30)).toBe("2026-03-01");
    expect(addCivilDays("2026-03-28", 2)).toBe("2026-03-30");
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
  });

  it.each([["2026-02-29", false], ["2028-02-29", true], ["2026-13-01", false], ["26-01-01", false], ["2026-01-01", true]])("knows %s is a date: %s", (s, ok) => {
    expect(isCivilDate(s)).toBe(ok);
  });
});
