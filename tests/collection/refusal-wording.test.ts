import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { replyToPlainText, type Reply } from "../../src/core/reply.ts";
import type { IncomingMessage } from "../../src/core/message.ts";
import { databaseKinds } from "../support/databases.ts";
import { testRuntime, type TestRuntime } from "../support/runtime.ts";
import { from, NOW, seedPlan, type Fixture } from "./fixtures.ts";

// A refusal names a command as a hint (id and arguments); chat writes it as typed in chat, as it
// always did. tests/cli/usage-errors.test.ts checks the command line's way.
const text = (r: { replies: Reply[] }) => r.replies.map(replyToPlainText).join("\n");

describe.each(databaseKinds)("refusals naming a chat command, in chat (%s)", (kind) => {
  let rt: TestRuntime;
  let f: Fixture;
  beforeEach(async () => {
    rt = await testRuntime(kind);
    f = await seedPlan(rt.store.db);
  });
  afterEach(() => rt.dispose());
  const say = (t: string) => rt.bot.handle(from(f.members.chair, t));

  it("collect status, compile and a past due day name chat's collect start", async () => {
    expect(text(await say("collect status"))).toBe("No progress-report collection has been started in CCWP. A chair starts one with: collect start plan N due YYYY-MM-DD");
    expect(text(await say("collect compile plan 99"))).toBe("No progress reports have been collected for plan 99 in CCWP. A chair starts one with: collect start plan 99 due YYYY-MM-DD");
    expect(text(await say("collect start plan 99 due 2026-11-01"))).toBe(
      "The due date 1 November 2026 is not in the future (today is 23 November 2026 in Europe/Brussels). Give a later date, e.g. collect start plan 99 due 2026-12-23.",
    );
  });

  it("a rule added twice names chat's reminder remove", async () => {
    const sec = (t: string): IncomingMessage => ({ platform: "console", kind: "text", text: t, user: { id: "sec", name: "sec", claims: { role: "secretariat" } }, conversation: { kind: "direct", id: "dm:sec" }, receivedAt: NOW });
    const first = text(await rt.bot.handle(sec("reminder 9 days before")));
    const id = /#(\d+)/.exec(first)?.[1];
    expect(text(await rt.bot.handle(sec("reminder 9 days before")))).toBe(`Rule #${id} already reminds 9 days before, at 09:00; nothing was added. To change its time: reminder remove ${id}, then add it again.`);
  });
});
