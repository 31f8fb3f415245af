import { describe, expect, it } from "vitest";
import { parseDeadlinePhrase, type Precision } from "../../src/planning/phrases/deadline-phrase.ts";
import { nearestTerm, trioOf, presidencyOn } from "../../src/planning/cycle/presidencies.ts";
import { readTimetable1997, timetableRows } from "../../src/planning/plan-file/timetable-1997.ts";

const at = (text: string, reference = "2026-11-23") => parseDeadlinePhrase(text, { reference });

describe("parseDeadlinePhrase", () => {
  it.each<[string, Precision, string]>([
    // every phrase of the 1997 TIMETABLE
    ["June 1998", "month", "1998-06-30"],
    ["March 1998", "month", "1998-03-31"],
    ["February 1998", "month", "1998-02-28"],
    ["December 1997", "month", "1997-12-31"],
    ["December 1998", "month", "1998-12-31"],
    ["By December 1997", "month", "1997-12-31"],
    ["Conclude discussion by end 1997.", "year", "1997-12-31"],
    ["During 1997", "year", "1997-12-31"],
    ["Early 1998", "period", "1998-03-31"],
    ["Consider by June 1998", "month", "1998-06-30"],
    ["Report to be circulated by December 1998", "month", "1998-12-31"],
    ["Target date of December 1998", "month", "1998-12-31"],
    // dates
    ["2026-03-15", "day", "2026-03-15"],
    ["15 March 2026", "day", "2026-03-15"],
    ["15th March 2026", "day", "2026-03-15"],
    ["March 15, 2026", "day", "2026-03-15"],
    ["15/03/2026", "day", "2026-03-15"],
    ["by 29 February 2028", "day", "2028-02-29"],
    ["2026-03", "month", "2026-03-31"],
    ["end of June 2026", "month", "2026-06-30"],
    ["Sept 2026", "month", "2026-09-30"],
    // quarters and halves
    ["Q3 2026", "quarter", "2026-09-30"],
    ["by Q1 2027", "quarter", "2027-03-31"],
    ["2026-Q4", "quarter", "2026-12-31"],
    ["third quarter of 2026", "quarter", "2026-09-30"],
    ["end of Q2 2026", "quarter", "2026-06-30"],
    ["H2 2026", "half", "2026-12-31"],
    ["H1 2026", "half", "2026-06-30"],
    ["first half of 2026", "half", "2026-06-30"],
    ["second half of 2026", "half", "2026-12-31"],
    ["second semester 2026", "half", "2026-12-31"],
    ["mid-2026", "half", "2026-06-30"],
    ["by mid 2026", "half", "2026-06-30"],
    // years and vague words (docs/planning.md)
    ["2026", "year", "2026-12-31"],
    ["end 2026", "year", "2026-12-31"],
    ["by end-2026", "year", "2026-12-31"],
    ["in 2027", "year", "2027-12-31"],
    ["early 2027", "period", "2027-03-31"],
    ["late 2027", "period", "2027-12-31"],
    ["beginning of 2027", "period", "2027-03-31"],
    ["early June 2026", "period", "2026-06-10"],
    ["mid-June 2026", "period", "2026-06-15"],
    ["late June 2026", "period", "2026-06-30"],
    ["spring 2027", "period", "2027-05-31"],
    ["autumn 2026", "period", "2026-11-30"],
    // presidencies, nearest term to 23 November 2026
    ["by the end of the Polish Presidency", "period", "2025-06-30"],
    ["under the Irish Presidency", "period", "2026-12-31"],
    ["the Lithuanian Presidency", "period", "2027-06-30"],
    ["by the end of the Presidency of Greece", "period", "2027-12-31"],
    ["under the Polish Presidency (2011)", "period", "2011-12-31"],
  ])("reads %j as %s due %s", (text, precision, due) => {
    expect(at(text)).toEqual({ ok: true, text, precision, dueDate: due });
  });

  it("reads every deadline of the 1997 TIMETABLE", () => {
    const phrases = timetableRows(readTimetable1997()).flatMap((r) => (r.deadline ? [r.deadline] : []));
    expect(phrases).toHaveLength(27);
    for (const p of phrases) {
      const r = parseDeadlinePhrase(p, { reference: "1997-07-01" });
      expect(r, p).toMatchObject({ ok: true, text: p });
      if (r.ok) expect(r.dueDate >= "1997-12-31" && r.dueDate <= "1998-12-31", p).toBe(true);
    }
  });

  it("picks the presidency term nearest to the reference day", () => {
    expect(at("under the Irish Presidency", "2013-03-01")).toMatchObject({ dueDate: "2013-06-30" });
    expect(at("under the Irish Presidency", "2004-02-01")).toMatchObject({ dueDate: "2004-06-30" });
    expect(at("by the end of the Polish Presidency", "2012-01-10")).toMatchObject({ dueDate: "2011-12-31" });
    expect(nearestTerm("Poland", "2018-07-01")?.start).toBe("2011-07-01");
    expect(nearestTerm("Poland", "2018-07-02")?.start).toBe("2025-01-01");
  });

  it("knows the trio of a term", () => {
    const t = presidencyOn("2026-11-23")!;
    expect(t.country).toBe("Ireland");
    expect(trioOf(t).map((x) => x.country)).toEqual(["Ireland", "Lithuania", "Greece"]);
    expect(trioOf(presidencyOn("2025-03-01")!).map((x) => x.country)).toEqual(["Poland", "Denmark", "Cyprus"]);
    expect(trioOf(presidencyOn("2005-03-01")!)).toEqual([]);
  });

  it.each(["", "   ", "soon", "asap", "June", "2026-02-30", "31 April 2026", "Q5 2026", "H3 2026", "the Narnian Presidency", "13/13/2026", "by the end of 99999", "December 1998 and June 1999"])(
    "refuses %j with an error naming it and the accepted forms",
    (text) => {
      const r = at(text);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error).toContain(`"${text.trim()}"`);
        expect(r.error).toMatch(/Q3 2026.*first half of 2026.*by the end of the Polish Presidency/);
      }
    },
  );

  it("refuses non-text and over-long input without throwing", () => {
    expect(parseDeadlinePhrase(undefined, { reference: "2026-01-01" }).ok).toBe(false);
    expect(parseDeadlinePhrase(42, { reference: "2026-01-01" }).ok).toBe(false);
    expect(parseDeadlinePhrase({ toString: "" }, { reference: "2026-01-01" }).ok).toBe(false); // String() of it throws
    const r = parseDeadlinePhrase(`by ${"very ".repeat(60)}soon`, { reference: "2026-01-01" });
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.error).toMatch(/at most 200 characters/);
  });
});
