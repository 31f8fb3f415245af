import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { civilParts, MONTH_NAMES } from "../../src/time/civil-date.ts";
import { parseDeadlinePhrase, PRECISIONS } from "../../src/planning/phrases/deadline-phrase.ts";

const reference = "2026-11-23";
const civilDay = fc.date({ min: new Date("1950-01-01"), max: new Date("2150-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe("parseDeadlinePhrase on random input", () => {
  it("never throws, and every success is a real day with a known precision", () => {
    const words = fc.constantFrom("by", "end", "of", "the", "June", "Q3", "H2", "mid-", "early", "Presidency", "Polish", "2026", "1998", "15", "-", "/", ".", "first half", "during", "", " ");
    const phrase = fc.oneof(fc.string({ maxLength: 300 }), fc.array(words, { maxLength: 8 }).map((w) => w.join(" ")), fc.anything());
    fc.assert(
      fc.property(phrase, (p) => {
        const r = parseDeadlinePhrase(p, { reference });
        if (r.ok) {
          expect(civilParts(r.dueDate)).not.toBeNull();
          expect(PRECISIONS).toContain(r.precision);
          expect(typeof p).toBe("string");
          expect(r.text).toBe((p as string).replace(/\s+/g, " ").trim());
        } else {
          expect(r.error).toMatch(/^I cannot read ".*" as a deadline/s);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("reads any ISO day and its written forms as that day", () => {
    fc.assert(
      fc.property(civilDay, (day) => {
        const p = civilParts(day)!;
        const month = MONTH_NAMES[p.m - 1]!;
        for (const text of [day, `${p.d} ${month} ${p.y}`, `${month} ${p.d}, ${p.y}`, `by ${p.d} ${month} ${p.y}`]) {
          expect(parseDeadlinePhrase(text, { reference })).toEqual({ ok: true, text, precision: "day", dueDate: day });
        }
      }),
      { numRuns: 500 },
    );
  });

  it("puts a month, quarter or half at the last day of its period", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2199 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        const month = parseDeadlinePhrase(`${MONTH_NAMES[m - 1]} ${y}`, { reference });
        const q = Math.ceil(m / 3);
        const quarter = parseDeadlinePhrase(`Q${q} ${y}`, { reference });
        const half = parseDeadlinePhrase(`H${m <= 6 ? 1 : 2} ${y}`, { reference });
        const last = (mm: number) => `${y}-${String(mm).padStart(2, "0")}-${new Date(Date.UTC(y, mm, 0)).getUTCDate()}`;
        expect(month).toMatchObject({ ok: true, precision: "month", dueDate: last(m) });
        expect(quarter).toMatchObject({ ok: true, precision: "quarter", dueDate: last(q * 3) });
        expect(half).toMatchObject({ ok: true, precision: "half", dueDate: last(m <= 6 ? 6 : 12) });
        if (month.ok && quarter.ok && half.ok) expect(month.dueDate <= quarter.dueDate && quarter.dueDate <= half.dueDate).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
