/** `members` in chat (issue 14 item 12, the member list): who is in the working party, with role and delegation. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyToPlainText } from "../../src/core/reply.ts";
import { databaseKinds } from "../support/databases.ts";
import { consoleText, testRuntime, type TestRuntime } from "../support/runtime.ts";

describe.each(databaseKinds)("members in chat (%s)", (kind) => {
  let rt: TestRuntime;
  const say = async (text: string, user: string, claims: Parameters<typeof consoleText>[2] = {}) =>
    (await rt.bot.handle(consoleText(text, user, claims))).replies.map(replyToPlainText).join("\n");
  beforeAll(async () => {
    rt = await testRuntime(kind);
    await say("whoami", "marie", { delegation: "FR" });
    await say("whoami", "chair-anna", { role: "chair", delegation: "SE" });
  });
  afterAll(async () => {
    await rt.dispose();
  });

  it("lists every member with role and delegation for the secretariat and the chair", async () => {
    for (const [text, user, claims] of [["members", "sam", { role: "secretariat" }], ["member list", "chair-anna", {}]] as const) {
      const out = await say(text, user, claims);
      expect(out).toContain("marie (console) — delegate, FR");
      expect(out).toContain("chair-anna (console) — chair, SE");
      expect(out).not.toMatch(/documents do not answer/);
    }
  });

  it("refuses a delegate, and quotes no strategy", async () => {
    const out = await say("members", "marie");
    expect(out).toMatch(/^Only the secretariat and chairs can list/);
  });
});
