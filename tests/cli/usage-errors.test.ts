import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, spawnCli } from "../support/cli.ts";
import { databaseKinds, seededDatabase, tempDir } from "../support/databases.ts";

// The real binary: a refused option or argument is one line a person understands, exit 2, and
// never zod's developer text ("Invalid input: expected number, received NaN").
const ZOD = /Invalid (input|option)|expected (string|number|int|one of)|received|Too (small|big)|>=|<=/;

describe("secretariat usage errors", () => {
  it.each([
    [["reminders", "add"], "secretariat: --kind: missing. Usage: secretariat reminders add --kind before|on|after|escalate [--days N] [--repeat N] [--time HH:MM]"],
    [["reminders", "add", "--kind", "foo"], 'secretariat: --kind: one of before, on, after or escalate, not "foo". Usage: secretariat reminders add --kind before|on|after|escalate [--days N] [--repeat N] [--time HH:MM]'],
    [["reminders", "add", "--kind", "after", "--days", "x"], /^secretariat: --days: a number, not "x"\. Usage: secretariat reminders add /],
    [["reminders", "add", "--kind", "after", "--days", "1", "--repeat", "0"], /^secretariat: --repeat: at least 1, not "0"\. Usage: /],
    [["reminders", "holiday", "delete", "2026-12-24"], 'secretariat: one of add or remove, not "delete". Usage: secretariat reminders holiday add|remove YYYY-MM-DD...'],
    [["reminders", "remove", "abc"], /^secretariat: ID: a number, not "abc"\. Usage: secretariat reminders remove ID/],
    [["audit", "--limit", "x"], 'secretariat: --limit: a number, not "x"'],
    [["audit", "--limit", "1.5"], 'secretariat: --limit: a whole number, not "1.5"'],
    [["audit", "--limit", "0"], 'secretariat: --limit: at least 1, not "0"'],
    [["member", "set", "--platform", "irc", "--user", "U1"], 'secretariat: --platform: one of console, slack or teams, not "irc"'],
    [["say", "--as", "x", "--role", "king", "hi"], 'secretariat: --role: one of delegate, chair or secretariat, not "king"'],
    [["console", "link", "--user", "x", "--platform", "irc"], 'secretariat: --platform: one of console, slack or teams, not "irc"'],
    [["collect", "status", "--plan", "x"], 'secretariat: --plan: a number, not "x"'],
    [["plan", "cycle", "--start", "2026-01", "--adopt-lead", "x"], 'secretariat: --adopt-lead: a whole number of months, not "x"'],
    // the core's refusal names chat's words (name, tz, months, lead); the command line names its options
    [["wp", "set", "CCWP"], "secretariat: name a setting to change: --name, --tz, --months or --lead. Usage: secretariat wp set CODE [--name NAME] [--tz ZONE] [--months N] [--lead N]"],
    [["wp", "create", "LEWP", "n", "--tz", "Mars/X"], "secretariat: <name>: at least 2 characters; --tz: an IANA time zone such as Europe/Brussels"],
    // a day written as asked but missing from the calendar is said to be so, wherever an option takes a day
    [["deadlines", "--from", "2026-02-30"], "secretariat: --from: 2026-02-30 is not a calendar day (February 2026 has 28 days)"],
    [["deadlines", "--until", "2026-13-01"], "secretariat: --until: 2026-13-01 is not a calendar day (months run from 01 to 12)"],
    [["deadlines", "--today", "soon"], 'secretariat: --today: a day written YYYY-MM-DD, e.g. 2026-03-01, not "soon"'],
    [["reminders", "list", "--until", "2026-04-31"], "secretariat: --until: 2026-04-31 is not a calendar day (April 2026 has 30 days)"],
    [["presidency", "--date", "2026-02-29"], "secretariat: --date: 2026-02-29 is not a calendar day (February 2026 has 28 days)"],
    [["timeline", "--wp", "CCWP", "--out", "t.svg", "--today", "2026-06-31"], "secretariat: --today: 2026-06-31 is not a calendar day (June 2026 has 30 days)"],
    [["plan", "cycle", "--start", "2026-02-30"], "secretariat: --start: 2026-02-30 is not a calendar day (February 2026 has 28 days)"],
    [["reminders", "holiday", "add", "2026-02-30"], "secretariat: Holiday 2026-02-30 is not a calendar day (February 2026 has 28 days); nothing was changed."],
  ])("%j: one plain line, exit 2", async (args, line) => {
    const r = await spawnCli(args, { env: { DATABASE_URL: (await seededDatabase("sqlite")).url } });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(ZOD);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    if (typeof line === "string") expect(r.stderr.trim()).toBe(line);
    else expect(r.stderr.trim()).toMatch(line);
    expect(r.stdout).toBe("");
  });
});

describe("a command group without its subcommand", () => {
  it.each(["reminders", "import", "plan", "collect", "member", "wp", "console"])("secretariat %s: its usage on stderr, exit 2", async (group) => {
    const r = await spawnCli([group]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(new RegExp(`^Usage: secretariat ${group} \\[options\\] \\[command\\]\\n`));
    expect(r.stderr).toMatch(/\nCommands:\n/);
  });
});

describe.each(databaseKinds)("a plan that does not exist (%s)", (kind) => {
  // one rule for every command taking --plan: refused by name with the plans there are, never "nothing"
  it.each([
    ["deadlines", "--plan", "42"],
    ["deadlines", "--wp", "CCWP", "--plan", "42", "--json"],
    ["calendar", "--wp", "CCWP", "--plan", "42"],
    ["collect", "status", "--plan", "42"],
    ["collect", "compile", "--plan", "42"],
    ["plan", "remove", "42", "--yes"],
  ])("%s %s …: refused, exit 2", async (...args) => {
    const db = await seededDatabase(kind);
    try {
      const r = await spawnCli(args, { env: { DATABASE_URL: db.url } });
      expect([r.code, r.stderr.trim(), r.stdout]).toEqual([2, "secretariat: CCWP has no plan 42; its plans are 1.", ""]);
    } finally {
      await db.drop();
    }
  });
});

describe("an output directory that cannot be written", () => {
  // checked before rendering: one line, exit 1, nothing written, and never a hang (/proc/nope made
  // Node's recursive mkdir spin for ever)
  it("collect compile --out and timeline --out refuse a file in the way, /proc and a directory for a file", async () => {
    const db = await seededDatabase("sqlite");
    const env = { DATABASE_URL: db.url };
    const due = `${new Date().getUTCFullYear() + 1}-06-15`; // real-clock: the spawned binary reads the real clock
    expect((await spawnCli(["say", "--as", "chair", "--role", "chair", `collect start plan 1 due ${due}`], { env })).code).toBe(0);
    const dir = tempDir();
    const file = path.join(dir, "notes.txt");
    fs.writeFileSync(file, "x");
    const cases: [string[], string][] = [
      [["collect", "compile", "--out", path.join(file, "reports")], `secretariat: --out: ${file} is a file, so ${path.join(file, "reports")} cannot be made a directory`],
      [["collect", "compile", "--out", file], `secretariat: --out: ${file} is a file, not a directory`],
      [["collect", "compile", "--out", "/proc/nope"], "secretariat: --out: cannot make /proc/nope: /proc does not take new files"],
      [["timeline", "--wp", "CCWP", "--out", "/proc/nope/t.svg"], "secretariat: --out: cannot make /proc/nope: /proc does not take new files"],
    ];
    fs.mkdirSync(path.join(dir, "d.svg"));
    cases.push([["timeline", "--wp", "CCWP", "--out", path.join(dir, "d.svg")], `secretariat: --out: ${path.join(dir, "d.svg")} is a directory; name a file in it, e.g. ${path.join(dir, "d.svg", "timeline.png")}`]);
    for (const [args, line] of cases) {
      const r = await spawnCli(args, { env, timeoutMs: 20_000 });
      expect([args, r.code, r.stderr.trim(), r.stdout]).toEqual([args, 1, line, ""]);
    }
    expect(fs.readdirSync(dir).sort()).toEqual(["d.svg", "notes.txt"]);
    expect(fs.readdirSync(path.join(dir, "d.svg"))).toEqual([]);
    expect(fs.existsSync("/proc/nope")).toBe(false);
    // and a directory that does not exist yet is made
    const made = await spawnCli(["collect", "compile", "--out", path.join(dir, "new", "reports"), "--json"], { env });
    expect(made.code).toBe(0);
    expect(fs.readdirSync(path.join(dir, "new", "reports"))).toHaveLength(2);
  });
});

describe.each(databaseKinds)("what the command line says for itself (%s)", (kind) => {
  // the chat's lines ("press the button", "see: reminder rules") mislead on the command line
  it("plan remove N without --yes: one line naming --yes on stderr, exit 2, the plan still there", async () => {
    const db = await seededDatabase(kind);
    try {
      const env = { DATABASE_URL: db.url };
      const r = await spawnCli(["plan", "remove", "1"], { env });
      expect([r.code, r.stdout]).toEqual([2, ""]);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr.trim()).toBe("secretariat: nothing was removed: CCWP plan 1 holds 43 actions and 28 deadlines; add --yes to remove it (secretariat plan remove 1 --yes)");
      const after = await spawnCli(["deadlines", "--plan", "1", "--json"], { env });
      expect(after.code).toBe(0);
      expect(JSON.parse(after.stdout).length).toBeGreaterThan(0);
    } finally {
      await db.drop();
    }
  });

  it("reminders remove 999 names the rules there are, not a chat command", async () => {
    const db = await seededDatabase(kind);
    try {
      const env = { DATABASE_URL: db.url };
      const { rules } = JSON.parse((await spawnCli(["reminders", "rules", "--json"], { env })).stdout) as { rules: { id: number }[] };
      const r = await spawnCli(["reminders", "remove", "999"], { env });
      expect([r.code, r.stdout]).toEqual([2, ""]);
      expect(r.stderr.trim()).toBe(`secretariat: There is no reminder rule #999; nothing was removed. The rules are ${rules.map((x) => `#${x.id}`).join(", ")}.`);
    } finally {
      await db.drop();
    }
  });
});

describe.each(databaseKinds)("a refusal names the command as the command line types it (%s)", (kind) => {
  // one rule: the refusal carries the command by id (a CommandHint) and the CLI writes it as
  // secretariat …; chat's "collect start plan N due …" cannot be typed here (chat wording:
  // tests/collection/refusal-wording.test.ts). Each command named is then run as written.
  it("collect status/compile with nothing started, a past due day, and collect start as named", async () => {
    const db = await seededDatabase(kind);
    try {
      const run = (args: string[]) => runCli(args, { env: { DATABASE_URL: db.url } });
      expect(await run(["collect", "status"])).toEqual({ code: 1, stdout: "", stderr: "secretariat: No progress-report collection has been started in CCWP. A chair starts one with: secretariat collect start --plan N --due YYYY-MM-DD\n" });
      expect(await run(["collect", "compile", "--plan", "1"])).toEqual({ code: 1, stdout: "", stderr: "secretariat: No progress reports have been collected for plan 1 in CCWP. A chair starts one with: secretariat collect start --plan 1 --due YYYY-MM-DD\n" });
      const past = await run(["collect", "start", "--plan", "1", "--due", "2026-11-01"]);
      expect(past).toEqual({ code: 2, stdout: "", stderr: "secretariat: The due date 1 November 2026 is not in the future (today is 23 November 2026 in Europe/Brussels). Give a later date, e.g. secretariat collect start --plan 1 --due 2026-12-23.\n" });
      const named = /e\.g\. secretariat (.*)\.$/.exec(past.stderr.trim())![1]!.split(" ");
      const started = await run(named);
      expect([started.code, started.stderr]).toEqual([0, ""]);
      expect(started.stdout).toContain("reports due 23 December 2026");
      // its button is written as the command line's command, not chat's "collect status plan 1"
      expect(started.stdout).toContain("[Show status: secretariat collect status --plan 1]");
      expect((await run(["collect", "status", "--json"])).code).toBe(0);
      // with two open, the refusal names the plan option
      const file = path.join(tempDir(), "plan2.yaml");
      fs.writeFileSync(file, 'workingParty: CCWP\nnumber: 2\ntitle: Action plan\nstart: 2027-01-01\nactions:\n  - code: "2.1"\n    title: Study\n    lead: { delegation: FR }\n    deadlines:\n      - { due: "2027-06-30" }\n');
      expect((await run(["import", "plan", file])).stderr).toBe("");
      expect((await run(["collect", "start", "--plan", "2", "--due", "2026-12-23"])).code).toBe(0);
      const two = await run(["collect", "compile"]);
      expect(two).toEqual({ code: 2, stdout: "", stderr: expect.stringMatching(/^secretariat: CCWP has 2 open collections \(plans [12], [12]\)\. Name the plan, e\.g\. secretariat collect status --plan [12]\.\n$/) });
      const asNamed = /e\.g\. secretariat (.*)\.$/.exec(two.stderr.trim())![1]!.split(" ");
      expect((await run(asNamed)).code).toBe(0);
      expect((await run(["collect", "start", "--plan", "x", "--due", "2026-12-23"])).stderr).toBe('secretariat: --plan: the plan number must be a number, not "x". Usage: secretariat collect start --plan N --due YYYY-MM-DD [--actions 99.1,99.3]\n');
    } finally {
      await db.drop();
    }
  });

  it("reminders add of a rule there is names secretariat reminders remove, which works", async () => {
    const db = await seededDatabase(kind);
    try {
      const run = (args: string[]) => runCli(args, { env: { DATABASE_URL: db.url } });
      const added = await run(["reminders", "add", "--kind", "before", "--days", "9"]);
      const id = /#(\d+)/.exec(added.stdout)![1];
      const twice = await run(["reminders", "add", "--kind", "before", "--days", "9"]);
      expect(twice).toEqual({ code: 2, stdout: "", stderr: `secretariat: Rule #${id} already reminds 9 days before, at 09:00; nothing was added. To change its time: secretariat reminders remove ${id}, then add it again.\n` });
      const named = /: secretariat (.*), then/.exec(twice.stderr)![1]!.split(" ");
      expect(await run(named)).toEqual({ code: 0, stderr: "", stdout: `Removed reminder rule #${id}.\n` });
    } finally {
      await db.drop();
    }
  });
});

describe("help on a topic that is not there", () => {
  it("secretariat help nope: one line naming it and the topics, exit 2", async () => {
    const r = await spawnCli(["help", "nope"]);
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(/^secretariat: no help topic "nope"; the topics are start, say, ask, .*\bdeadlines\b.*\bconsole$/);
  });
});
