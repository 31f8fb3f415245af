import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parsePlanFile } from "../../src/planning/plan-file/plan-file.ts";
import { runCli } from "../support/cli.ts";
import { tempDir } from "../support/databases.ts";

/** "Billion laughs" in YAML: each level repeats the one above nine times (9^9 strings from 1 KB). */
function aliasBomb(): string {
  const levels = ["a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]"];
  for (const [i, name] of ["b", "c", "d", "e", "f", "g", "h", "i"].entries()) {
    const prev = String.fromCharCode(97 + i);
    levels.push(`${name}: &${name} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`);
  }
  return `workingParty: CCWP\nnumber: 77\ntitle: Bomb\nstart: 2026-01-01\n${levels.join("\n")}\nactions:\n  - code: "1"\n    title: *i\n`;
}

describe("plan file boundaries (issue 13 item 10)", () => {
  it("refuses a YAML alias bomb with the line of the alias that went too far, without expanding it", () => {
    const r = parsePlanFile(aliasBomb(), "bomb.yaml");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    // line 7 ("c: &c [*b, …]") is where anchors of anchors begin to multiply
    expect(r.errors).toEqual([expect.stringMatching(/^line 7: too many aliases/)]);
  });

  it("still reads a plan that uses a few anchors and aliases for repeated values", () => {
    const text = `workingParty: CCWP
number: 78
title: Anchors
start: 2026-01-01
actions:
  - code: "1"
    title: First
    lead: &fr { delegation: FR }
    deadlines: &twice
      - { due: "June 2026" }
      - { due: "December 2026" }
  - code: "2"
    title: Second
    lead: *fr
    deadlines: *twice
`;
    const r = parsePlanFile(text, "anchors.yaml");
    expect(r.ok && r.plan.actions.map((a) => [a.lead?.delegation, a.deadlines?.length])).toEqual([
      ["FR", 2],
      ["FR", 2],
    ]);
  });

  it("refuses the alias bomb through the CLI with one line naming the line, exit 2 and nothing imported", async () => {
    const dir = tempDir();
    const file = path.join(dir, "bomb.yaml");
    fs.writeFileSync(file, aliasBomb());
    const r = await runCli(["import", "plan", file], { env: { DATABASE_URL: `file:${path.join(dir, "t.db")}` } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual([expect.stringMatching(/bomb\.yaml: line \d+: too many aliases.*nothing was imported$/)]);
  });
});
