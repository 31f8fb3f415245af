/**
 * The CLI's own lines write a day one way, YYYY-MM-DD (issue 14 item 17): `presidency` and
 * `reminders list` mixed "1 July 2026" with "2026-12-20" and repeated a deadline typed as a date
 * (`due 2026-12-20 ("2026-12-20")`). The words a deadline came from follow only when they say more.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.ts";
import { seededDatabase, tempDir } from "../support/databases.ts";

const LONG = /\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b/;
const env = { DATABASE_URL: "" };
const cli = (...args: string[]) => runCli(args, { env });

beforeAll(async () => {
  env.DATABASE_URL = (await seededDatabase("sqlite")).url;
  const file = path.join(tempDir(), "p13.yaml");
  fs.writeFileSync(file, `workingParty: CCWP\nnumber: 13\ntitle: Plan 13\nstart: 2026-07-01\nactions:\n  - code: "13.1"\n    title: Joint training\n    lead: { delegation: FR }\n    deadlines:\n      - { due: "2026-12-20" }\n      - { due: "By 15 December 2026" }\n`);
  expect((await cli("import", "plan", file)).code).toBe(0);
});

describe("deadlines in the CLI's own lines", () => {
  it("presidency outside the bundled list names the years the list really covers", async () => {
    const r = await cli("presidency", "--date", "2031-03-01");
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe("secretariat: no presidency is listed for 2031-03-01: data/council-presidencies.csv covers 2004–2030");
  });

  it("presidency writes the term, the hand-over and the deadlines as YYYY-MM-DD", async () => {
    const r = await cli("presidency");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Ireland holds the presidency (2026-07-01 – 2026-12-31).");
    expect(r.stdout).toContain("Hand-over to Lithuania on 2027-01-01");
    expect(r.stdout).toMatch(/^ {2}2026-12-20 {2}open {2}plan 13 13\.1$/m);
    expect(r.stdout).toMatch(/^ {2}2026-12-15 {2}open {2}plan 13 13\.1 \("By 15 December 2026"\)$/m);
    expect(r.stdout.replace(/"[^"]*"/g, "")).not.toMatch(LONG);
  });

  it("reminders list names a deadline typed as a date once", async () => {
    const r = await cli("reminders", "list", "--from", "2026-12-01", "--until", "2026-12-31");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/13\.1 Joint training — due 2026-12-20; /);
    expect(r.stdout).toMatch(/13\.1 Joint training — due 2026-12-15 \("By 15 December 2026"\); /);
    expect(r.stdout).not.toContain('("2026-12-20")');
  });
});
