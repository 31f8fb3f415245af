import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { spawnCli } from "../support/cli.ts";
import { emptySqlite, seededDatabase, tempDir } from "../support/databases.ts";

// The real binary: these tests are about the process (exit codes, stdout against stderr, one-line
// errors, output flushed whole through a pipe). Most start from a seeded copy; one from nothing.
const seeded = async () => ({ DATABASE_URL: (await seededDatabase("sqlite")).url });

describe("secretariat command line", () => {
  it("describes its commands in --help", async () => {
    const r = await spawnCli(["--help"]);
    expect(r.code).toBe(0);
    for (const c of ["start", "say", "audit"]) expect(r.stdout).toMatch(new RegExp(`\\n\\s+${c}\\b`));
    expect(r.stdout).toContain("DATABASE_URL");
  });

  it("describes say in say --help, with --json", async () => {
    const r = await spawnCli(["say", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--as <user>/);
    expect(r.stdout).toMatch(/--json/);
  });

  it("says what the bot answered, on stdout only, as JSON", async () => {
    const r = await spawnCli(["say", "--as", "alice", "--role", "chair", "--delegation", "fr", "--json", "whoami"], { env: await seeded() });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const messages = JSON.parse(r.stdout) as { to: string; text: string; origin: string }[];
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ to: "user:alice", origin: "reply" });
    expect(messages[0]!.text).toMatch(/Role: chair/);
    expect(messages[0]!.text).toMatch(/Delegation: FR/);
  });

  it("answers unknown input helpfully, with no stack trace", async () => {
    const r = await spawnCli(["say", "--as", "bob", "frobnicate the widgets"], { env: await seeded() });
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toMatch(/help/);
  });

  it.each([
    [["frobnicate"], /unknown command 'frobnicate'/, 2],
    [["say", "--as", "x", "--colour", "red", "hi"], /unknown option '--colour'/, 2],
    [["say", "hi"], /required option '--as <user>'/, 2],
    [["say", "--as", "x", "--role", "king", "hi"], /role/i, 2],
    [["say", "--as", "x", "--delegation", "not a code", "hi"], /--delegation/, 2],
  ])("refuses %j with one line and exit %s", async (args, message, code) => {
    const r = await spawnCli(args as string[], { env: await seeded() });
    expect(r.code).toBe(code);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message as RegExp);
  });

  it("refuses an over-long message with one line and changes nothing", async () => {
    const env = await seeded();
    const r = await spawnCli(["say", "--as", "x", "--json", "a".repeat(5000)], { env });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^secretariat: That message is 5000 characters long; I read at most 4000/);
  });

  it("refuses an unknown DATABASE_URL scheme", async () => {
    const r = await spawnCli(["audit"], { env: { DATABASE_URL: "mysql://root@localhost/x" } });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('secretariat: DATABASE_URL scheme "mysql" is not supported: use file:PATH (SQLite) or postgresql://... (PostgreSQL)');
  });

  it("refuses a corrupt database file and leaves it as it was", async () => {
    const dir = tempDir();
    const file = path.join(dir, "x.db");
    fs.writeFileSync(file, Buffer.alloc(8192, 7));
    const before = fs.readFileSync(file);
    const r = await spawnCli(["say", "--as", "x", "help"], { env: { DATABASE_URL: `file:${file}` } });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/is not a SQLite database/);
    expect(fs.readFileSync(file)).toEqual(before);
    expect(fs.readdirSync(dir)).toEqual(["x.db"]);
  });

  it("says in one line when the PostgreSQL server is down", async () => {
    const started = Date.now(); // real-clock: measures elapsed time
    const r = await spawnCli(["audit"], { env: { DATABASE_URL: "postgresql://postgres@127.0.0.1:1/test" } });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/cannot reach the PostgreSQL server/);
    expect(Date.now() - started).toBeLessThan(30_000); // real-clock: measures elapsed time
  });

  it("names a bad environment variable in one line", async () => {
    const r = await spawnCli(["audit"], { env: { ...(await seeded()), MAX_MESSAGE_LENGTH: "lots" } });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^secretariat: MAX_MESSAGE_LENGTH: /);
  });

  it("migrates and seeds a brand-new database file on any command", async () => {
    const env = { DATABASE_URL: (await emptySqlite()).url };
    const r = await spawnCli(["say", "--as", "sec", "--role", "secretariat", "--json", "whoami"], { env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)[0].text).toMatch(/Working party: CCWP/);
  });
});
