/**
 * `say --role/--delegation` and the terminal chat set a member's role or delegation through the
 * console's claims: each change is audited like `role NAME …` (issue 14, item 13); an unchanged
 * claim writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditRepository } from "../../src/store/audit.ts";
import { databaseKinds } from "../support/databases.ts";
import { consoleText, testRuntime, type TestRuntime } from "../support/runtime.ts";

const AT = new Date("2026-11-23T10:00:00Z");

describe.each(databaseKinds)("console claims on %s", (kind) => {
  let rt: TestRuntime;
  const entries = async () => (await new AuditRepository(rt.store.db).list()).filter((e) => e.subject === "console:zoe" && e.action.startsWith("member."));
  beforeAll(async () => {
    rt = await testRuntime(kind);
  });
  afterAll(async () => {
    await rt.dispose();
  });

  it("audits a role and a delegation given by the console, once each", async () => {
    await rt.bot.handle(consoleText("help", "zoe", { role: "chair", delegation: "FR" }, AT));
    const first = await entries();
    expect(first.map((e) => [e.action, e.actor, e.detail.to]).sort()).toEqual([
      ["member.delegation", "cli", "FR"],
      ["member.role", "cli", "chair"],
    ]);
    expect(first.every((e) => e.createdAt.getTime() === AT.getTime())).toBe(true);

    await rt.bot.handle(consoleText("help", "zoe", { role: "chair", delegation: "FR" }, AT));
    expect(await entries()).toHaveLength(2);

    await rt.bot.handle(consoleText("help", "zoe", { delegation: "DE" }, AT));
    const after = await entries();
    expect(after).toHaveLength(3);
    expect(after[0]).toMatchObject({ action: "member.delegation", detail: { from: "FR", to: "DE" } });
  });
});
