/**
 * `reopen CODE` undoes a `done` given by mistake (issue 14, item 12): the secretariat only, audited;
 * the action's deadlines count as open or overdue again. Anyone else is refused and nothing changes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyToPlainText } from "../../src/core/reply.ts";
import { databaseKinds } from "../support/databases.ts";
import { createPlan } from "../support/plans.ts";
import { consoleText, testRuntime, type TestRuntime } from "../support/runtime.ts";

const NOW = new Date("2026-11-23T10:00:00Z");

describe.each(databaseKinds)("reopening an action on %s", (kind) => {
  let rt: TestRuntime;
  const say = async (text: string, user: string, claims: { role?: "delegate" | "chair" | "secretariat"; delegation?: string }) =>
    (await rt.bot.handle(consoleText(text, user, claims, NOW))).replies.map(replyToPlainText).join("\n");
  const status = async () => (await rt.store.db.action.findFirstOrThrow({ where: { code: "77.1" } })).status;
  beforeAll(async () => {
    rt = await testRuntime(kind);
    await createPlan(rt.store.db, { number: 77, actions: [{ code: "77.1", lead: "FR", due: "2026-10-01" }] });
  });
  afterAll(async () => {
    await rt.dispose();
  });

  it("lets the secretariat reopen a done action, audited, and its deadline is overdue again", async () => {
    expect(await say("done 77.1", "francois", { delegation: "FR" })).toMatch(/77\.1 \(plan 77\) is marked done/);
    expect(await say("what is overdue", "sam", { role: "secretariat" })).not.toMatch(/77\.1/);

    const lead = await say("reopen 77.1", "francois", { delegation: "FR" });
    expect(lead).toMatch(/secretariat/i);
    expect(await status()).toBe("done");

    expect(await say("reopen action 77.1", "sam", { role: "secretariat" })).toMatch(/Action 77\.1 \(plan 77\) is open again/);
    expect(await status()).toBe("open");
    expect((await rt.store.db.action.findFirstOrThrow({ where: { code: "77.1" } })).doneAt).toBeNull();
    expect(await rt.store.db.auditEntry.count({ where: { action: "action.reopen", actor: "console:sam" } })).toBe(1);
    expect(await say("what is overdue", "sam", { role: "secretariat" })).toMatch(/77\.1/);

    expect(await say("undone 77.1", "sam", { role: "secretariat" })).toMatch(/is not marked done; nothing was changed/);
    expect(await rt.store.db.auditEntry.count({ where: { action: "action.reopen" } })).toBe(1);
  });
});
