/**
 * No test reads today's date (tests/support/clock.ts): a test passes a fixed clock in, so it means
 * the same in 2030 as today. The real clock is read only where the other side uses it too (a
 * request signed now, a token's expiry, a stand-in's wait, a spawned binary), and such a line says
 * so with a `real-clock:` comment.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "./support/cli.ts";

function files(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((d) => {
    const rel = path.join(dir, d.name);
    if (d.isDirectory()) return files(rel);
    return /\.tsx?$/.test(d.name) ? [rel] : [];
  });
}

describe("the tests' clock", () => {
  it("is never today's date, unless a line says why the real clock is meant", () => {
    const reads = /new Date\(\s*\)|Date\.now\(\)/;
    // Unix seconds are what Slack signs a request with and what a token expires by: platform time.
    const platformSeconds = /Math\.floor\(Date\.now\(\) \/ 1000\)/g;
    const offenders = files("tests")
      .filter((f) => f !== path.join("tests", "clock-discipline.test.ts"))
      .flatMap((f) =>
        fs
          .readFileSync(path.join(root, f), "utf8")
          .split("\n")
          .flatMap((line, i) => (reads.test(line.replace(platformSeconds, "")) && !/real-clock:/.test(line) ? [`${f}:${i + 1}: ${line.trim().slice(0, 100)}`] : [])),
      );
    expect(offenders).toEqual([]);
  });
});
