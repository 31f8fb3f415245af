import { describe, expect, it } from "vitest";
import { namedWindow, relativeWindow } from "../../src/planning/phrases/deadline-window.ts";

describe("relativeWindow", () => {
  it.each([
    ["this week", "2026-12-03", "2026-11-30", "2026-12-06"],
    ["this week", "2026-12-06", "2026-11-30", "2026-12-06"],
    ["next week", "2026-12-06", "2026-12-07", "2026-12-13"],
    ["this month", "2026-12-03", "2026-12-01", "2026-12-31"],
    ["next month", "2026-12-03", "2027-01-01", "2027-01-31"],
  ] as const)("reads %s on %s as %s – %s (weeks run Monday to Sunday)", (which, today, from, until) => {
    expect(relativeWindow(which, today)).toEqual({ from, until, name: which });
  });
});

describe("namedWindow", () => {
  it.each([
    ["March 2027", "2026-12-03", "2027-03-01", "2027-03-31"],
    ["march", "2026-12-03", "2027-03-01", "2027-03-31"],
    ["December", "2026-12-03", "2026-12-01", "2026-12-31"],
    ["Q1 2027", "2026-12-03", "2027-01-01", "2027-03-31"],
    ["first half of 2027", "2026-12-03", "2027-01-01", "2027-06-30"],
    ["2027", "2026-12-03", "2027-01-01", "2027-12-31"],
    ["2027-03-15", "2026-12-03", "2027-03-15", "2027-03-15"],
  ])("reads %j on %s as %s – %s", (words, today, from, until) => {
    expect(namedWindow(words, today)).toMatchObject({ from, until });
  });

  it("names a month as dates are written, whatever its case", () => {
    expect(namedWindow("march", "2026-12-03")).toMatchObject({ name: "in March 2027" });
    expect(namedWindow("Q1 2027", "2026-12-03")).toMatchObject({ name: "in Q1 2027" });
  });

  it("refuses words that name no period, saying how to name one", () => {
    expect(namedWindow("the 2012 strategy", "2026-12-03")).toEqual({ error: expect.stringMatching(/^I cannot read “the 2012 strategy” as a period\. Name a day, month/) });
    expect(namedWindow("early 2027", "2026-12-03")).toEqual({ error: expect.stringMatching(/names when something is due, not a stretch of days/) });
  });
});
