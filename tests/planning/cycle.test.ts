import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { todayIn } from "../../src/time/civil-date.ts";
import { adoptByFromEnd, computeCycle, cycleState } from "../../src/planning/cycle/cycle.ts";
import { runCli } from "../support/cli.ts";

describe("computeCycle", () => {
  it("ends a plan starting 1 July 1997 on 31 December 1998, next adopted by 31 October 1998", () => {
    expect(computeCycle({ start: "1997-07-01" })).toEqual({ start: "1997-07-01", end: "1998-12-31", adoptNextBy: "1998-10-31" });
  });

  it.each([
    // start, months, lead, end, adoptNextBy
    ["2026-01-01", 18, 2, "2027-06-30", "2027-04-30"],
    ["2025-04-01", 18, 2, "2026-09-30", "2026-07-31"], // month end stays a month end
    ["2026-03-29", 18, 2, "2027-09-28", "2027-07-28"], // starts on the DST change day in Brussels
    ["2026-10-25", 6, 1, "2027-04-24", "2027-03-24"], // starts on the DST change back
    ["2025-08-31", 6, 2, "2026-02-28", "2025-12-31"], // no 31 February: the plan ends on the 28th
    ["2023-09-01", 6, 2, "2024-02-29", "2023-12-31"], // leap year
    ["2026-02-15", 12, 0, "2027-02-14", "2027-02-14"],
  ])("starting %s for %i months with %i months' lead ends %s, adopt by %s", (start, months, lead, end, adopt) => {
    expect(computeCycle({ start, months, adoptLeadMonths: lead, timeZone: "Europe/Brussels" })).toEqual({ start, end, adoptNextBy: adopt });
  });

  it("gives the same civil dates in every time zone, across DST", () => {
    for (const tz of ["Europe/Brussels", "America/New_York", "Pacific/Auckland", "Asia/Kolkata", "UTC"])
      expect(computeCycle({ start: "1997-07-01", timeZone: tz })).toEqual({ start: "1997-07-01", end: "1998-12-31", adoptNextBy: "1998-10-31" });
  });

  it("refuses a negative or zero length and a lead as long as the plan", () => {
    expect(() => computeCycle({ start: "2026-01-01", months: -3 })).toThrow(/at least|≥ 1/);
    expect(() => computeCycle({ start: "2026-01-01", months: 0 })).toThrow();
    expect(() => computeCycle({ start: "2026-01-01", months: 6, adoptLeadMonths: 6 })).toThrow(/adoption lead/);
    expect(() => computeCycle({ start: "2026-13-01" })).toThrow();
  });

  it("holds for any start and length: end after start, adopt-by lead months before the end, next start the day after", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("1990-01-01"), max: new Date("2100-12-31"), noInvalidDate: true }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 59 }), (d, months, lead) => {
        fc.pre(lead < months);
        const start = d.toISOString().slice(0, 10);
        const c = computeCycle({ start, months, adoptLeadMonths: lead });
        expect(c.end >= start).toBe(true);
        expect(c.adoptNextBy <= c.end).toBe(true);
        const [sy, sm] = [Number(start.slice(0, 4)), Number(start.slice(5, 7))];
        const [ey, em] = [Number(c.end.slice(0, 4)), Number(c.end.slice(5, 7))];
        const monthsSpanned = (ey - sy) * 12 + (em - sm);
        expect([months - 1, months]).toContain(monthsSpanned);
        if (start.endsWith("-01")) expect(adoptByFromEnd(c.end, lead)).toBe(c.adoptNextBy);
      }),
      { numRuns: 500 },
    );
  });

  it("says where a cycle stands on a day", () => {
    const c = computeCycle({ start: "1997-07-01" });
    expect(cycleState(c, "1997-06-30")).toBe("upcoming");
    expect(cycleState(c, "1998-10-31")).toBe("running");
    expect(cycleState(c, "1998-11-01")).toBe("adoption-late");
    expect(cycleState(c, "1999-01-01")).toBe("ended");
  });

  it("computes today in the working party's time zone", () => {
    // 23:30 UTC on 31 December is already 1 January in Brussels, still 31 December in New York.
    const now = new Date("2025-12-31T23:30:00Z");
    expect(todayIn(now, "Europe/Brussels")).toBe("2026-01-01");
    expect(todayIn(now, "America/New_York")).toBe("2025-12-31");
  });
});

describe("secretariat plan cycle", () => {
  it("prints the 1997 cycle as JSON", async () => {
    const r = await runCli(["plan", "cycle", "--start", "1997-07", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ start: "1997-07-01", end: "1998-12-31", adoptNextBy: "1998-10-31" });
  });

  it("takes a day, a length and a lead", async () => {
    const r = await runCli(["plan", "cycle", "--start", "2026-01-15", "--months", "12", "--adopt-lead", "3", "--json"]);
    expect(JSON.parse(r.stdout)).toEqual({ start: "2026-01-15", end: "2027-01-14", adoptNextBy: "2026-10-14" });
  });

  it.each([
    [["--start", "1997-13"], /--start: 1997-13 is not a month \(months run from 01 to 12\)/],
    [["--start", "July 1997"], /--start: write the start as YYYY-MM/],
    [["--start", "1997-07", "--months", "-18"], /--months: a plan lasts at least 1 month/],
    [["--start", "1997-07", "--months", "6", "--adopt-lead", "6"], /--adopt-lead: must be less than/],
    [["--start", "1997-07", "--adopt-lead", "-1"], /--adoptLead|--adopt-lead|negative/],
  ])("refuses %j with one line and exit 2", async (args, message) => {
    const r = await runCli(["plan", "cycle", ...(args as string[])]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message as RegExp);
  });
});
