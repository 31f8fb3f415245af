import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.ts";
import { databaseKinds, seededDatabase, type TestDatabase } from "../support/databases.ts";

describe.each(databaseKinds)("secretariat deadlines on %s", (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await seededDatabase(kind);
  });
  afterAll(() => db.drop());
  const run = (...args: string[]) => runCli(["deadlines", ...args], { env: { DATABASE_URL: db.url } });

  it("lists the 1997 plan's deadlines as JSON with the contract's keys, in due order", async () => {
    const r = await run("--wp", "CCWP", "--today", "1998-01-15", "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(28); // 27 action deadlines and "adopt the next plan by"
    for (const row of rows) expect(Object.keys(row)).toEqual(["plan", "action", "title", "due", "dueText", "precision", "status"]);
    expect(rows.map((x) => x.due)).toEqual([...rows.map((x) => x.due as string)].sort());
    expect(rows[0]).toMatchObject({ plan: 1, due: "1997-12-31", status: "overdue" });
    expect(rows.find((x) => x.action === "41")).toMatchObject({ dueText: "Early 1998", precision: "period", due: "1998-03-31", status: "open" });
    expect(rows.find((x) => x.action === null)).toMatchObject({ due: "1998-10-31", precision: "day", status: "open" });
  });

  it("filters by day range and plan", async () => {
    const r = await run("--wp", "CCWP", "--plan", "1", "--from", "1998-06-01", "--until", "1998-06-30", "--today", "1998-06-01", "--json");
    const rows = JSON.parse(r.stdout) as { action: string; status: string }[];
    expect(rows.map((x) => x.action)).toEqual(["2", "5", "7", "8", "18", "30", "40", "42"]);
    expect(new Set(rows.map((x) => x.status))).toEqual(new Set(["open"]));
    const none = await run("--wp", "CCWP", "--plan", "1", "--from", "2030-01-01", "--json");
    expect(JSON.parse(none.stdout)).toEqual([]);
  });

  it("computes status against today when --today is not given: everything of 1998 is overdue now", async () => {
    const r = await run("--wp", "CCWP", "--json");
    const rows = JSON.parse(r.stdout) as { status: string }[];
    expect(rows.every((x) => x.status === "overdue")).toBe(true);
  });

  it.each([
    [["--wp", "NOPE"], /There is no working party NOPE; the working parties are CCWP/],
    [["--from", "1998-02-30"], /--from: 1998-02-30 is not a calendar day \(February 1998 has 28 days\)/],
    [["--from", "1998-07-01", "--until", "1998-06-01"], /--from is after --until/],
    [["--plan", "first"], /--plan/],
  ])("refuses %j with one line and exit 2", async (args, message) => {
    const r = await run(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message as RegExp);
  });
});
