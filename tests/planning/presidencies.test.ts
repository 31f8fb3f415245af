/**
 * The bundled presidency list and how a presidency named without a year is placed (issue 14
 * item 4): the term nearest the plan's own period, and a refusal, never a guess, when the list
 * cannot say which term is meant.
 */
import { describe, expect, it } from "vitest";
import { parseDeadlinePhrase } from "../../src/planning/phrases/deadline-phrase.ts";
import { bundledPresidencies, placeTerm } from "../../src/planning/cycle/presidencies.ts";
import { addCivilDays } from "../../src/time/civil-date.ts";

const plan2028 = { reference: "2028-01-01", referenceEnd: "2029-06-30" };

describe("the bundled presidency list", () => {
  it("covers every half-year from January 2004 to December 2030, without gap or overlap", () => {
    const terms = bundledPresidencies();
    expect(terms[0]!.start).toBe("2004-01-01");
    expect(terms.at(-1)).toEqual({ start: "2030-07-01", end: "2030-12-31", country: "Malta" });
    terms.slice(1).forEach((t, i) => expect(t.start).toBe(addCivilDays(terms[i]!.end, 1)));
  });

  it("has the order of Council Decision (EU) 2016/1316 for 2028-2030", () => {
    expect(bundledPresidencies().filter((t) => t.start >= "2028-01-01").map((t) => t.country)).toEqual(["Italy", "Latvia", "Luxembourg", "Netherlands", "Slovakia", "Malta"]);
  });
});

describe("a presidency named without a year", () => {
  it.each([
    ["under the Italian Presidency", "2028-06-30"],
    ["by the end of the Latvian Presidency", "2028-12-31"],
    ["the Luxembourg Presidency", "2029-06-30"],
  ])("is the term within the plan's own period: %s in a 2028-2029 plan is due %s", (text, due) => {
    expect(parseDeadlinePhrase(text, plan2028)).toMatchObject({ ok: true, precision: "period", dueDate: due });
  });

  it("is the term nearest the plan's period when none falls within it", () => {
    // Ireland: July-December 2026 (366 days before the plan) is nearer than any term the list cannot hold (after 2030)
    expect(parseDeadlinePhrase("under the Irish Presidency", plan2028)).toMatchObject({ ok: true, dueDate: "2026-12-31" });
  });

  it("is refused when a term outside the list could be nearer than any in it", () => {
    // the defect: with a list that stopped in 2027, "Italian" in a 2028 plan fell back to 2014
    const until2027 = bundledPresidencies().filter((t) => t.end <= "2027-12-31");
    const r = parseDeadlinePhrase("under the Italian Presidency", { ...plan2028, presidencies: until2027 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/the presidency list \(2004–2027\) cannot place the Italian Presidency for 1 January 2028 – 30 June 2029/);
    expect(placeTerm("Italy", { from: "2028-01-01", to: "2029-06-30" }, until2027)).toEqual({ ok: false, reason: "outside" });
  });

  it("is refused for a plan beyond the list, and so is a year the list does not reach", () => {
    const after = parseDeadlinePhrase("under the Italian Presidency", { reference: "2031-01-01", referenceEnd: "2032-06-30" });
    expect(after.ok).toBe(false);
    if (!after.ok) expect(after.error).toMatch(/cannot place the Italian Presidency for 1 January 2031 – 30 June 2032.*write the date/);
    const year = parseDeadlinePhrase("the Irish Presidency (2039)", plan2028);
    expect(year.ok).toBe(false);
    if (!year.ok) expect(year.error).toMatch(/the presidency list \(2004–2030\) has no Irish Presidency in 2039/);
  });

  it("is refused for a plan before the list begins (the 1997 programme's years)", () => {
    const r = parseDeadlinePhrase("under the Irish Presidency", { reference: "1997-07-01", referenceEnd: "1998-12-31" });
    expect(r.ok).toBe(false);
  });
});
