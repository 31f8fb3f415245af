/** `presidency` in chat on a day after the bundled list: it names the years the list covers, from the data. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyToPlainText } from "../../src/core/reply.ts";
import { consoleText, testRuntime, type TestRuntime } from "../support/runtime.ts";

describe("presidency in chat", () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await testRuntime();
  });
  afterAll(async () => {
    await rt.dispose();
  });

  it("says which years it knows when asked about a day past them", async () => {
    const r = await rt.bot.handle(consoleText("presidency", "marie", {}, new Date("2031-03-01T10:00:00Z")));
    expect(r.replies.map(replyToPlainText).join("\n")).toBe("I have no presidency listed for 1 March 2031; the bundled list covers 2004–2030.");
  });
});
