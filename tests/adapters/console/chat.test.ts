import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runConsoleChat } from "../../../adapters/console/index.ts";
import { testRuntime, type TestRuntime } from "../../support/runtime.ts";
import { spawnCli } from "../../support/cli.ts";
import { tempDir } from "../../support/databases.ts";

let rt: TestRuntime;
beforeAll(async () => {
  rt = await testRuntime();
});
afterAll(() => rt.dispose());

async function chat(lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = "";
  output.on("data", (d) => (text += d));
  const done = runConsoleChat(rt, { user: "op", input, output });
  for (const l of lines) input.write(`${l}\n`);
  input.end();
  await done;
  return text;
}

describe("console chat", () => {
  it("greets, answers help and whoami, and quits on exit", async () => {
    const out = await chat(["help", "whoami", "exit", "whoami"]);
    expect(out).toMatch(/console chat with CCWP/);
    expect(out).toMatch(/Here is what I understand/);
    expect(out).toMatch(/Role: secretariat/);
    expect(out.match(/Role: secretariat/g)).toHaveLength(1); // nothing after exit
    expect(out).toMatch(/Goodbye\.$/m);
  });

  it("quits on end of input (Ctrl-D)", async () => {
    expect(await chat(["whoami"])).toMatch(/Goodbye/);
  });

  it("answers unknown input helpfully, never with a stack trace", async () => {
    const out = await chat(["zzz qqq"]);
    expect(out).toMatch(/Type help/);
    expect(out).not.toMatch(/\n\s+at /);
  });

  it("answers a form field by field: a bad value is asked again, the last answer submits it", async () => {
    // the console reads the real clock, so the due date is one no run of this test reaches
    const out = await chat(["collect start", "abc", "1", "2099-06-15", "-", "collect status"]);
    expect(out).toMatch(/1\/3 Action plan number\? \(e\.g\. 99\)\nyou> ⚠ Action plan number: the plan number must be a number\. Nothing was stored\.\n1\/3 Action plan number\?/);
    expect(out).toMatch(/\nyou> 2\/3 Reports due on\?[^\n]*\nyou> 3\/3 Only these actions[^\n]*\nyou> Collection started: 43 actions, reports due 15 June 2099/);
    expect(out).toMatch(/0 of 43/);
    expect(await rt.store.db.collection.count()).toBe(1);
    // cancel leaves nothing behind
    const cancelled = await chat(["report 11", "delayed", "cancel"]);
    expect(cancelled).toMatch(/Cancelled: the form “Report on 11” was not submitted, and nothing was stored\./);
    expect(await rt.store.db.progressReport.count()).toBe(0);
  });

  it("opens from `secretariat start` with no platform credentials", async () => {
    const r = await spawnCli(["start"], { env: { DATABASE_URL: `file:${tempDir()}/start.db`, PORT: "0" }, input: "whoami\nexit\n" });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Role: secretariat/);
  });
});
