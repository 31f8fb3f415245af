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

  it("opens from `secretariat start` with no platform credentials", async () => {
    const r = await spawnCli(["start"], { env: { DATABASE_URL: `file:${tempDir()}/start.db`, PORT: "0" }, input: "whoami\nexit\n" });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Role: secretariat/);
  });
});
