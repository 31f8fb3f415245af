import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { handleMessage } from "../../src/bot/handle-message.ts";
import { CommandRouter } from "../../src/bot/router.ts";
import { defineCommand } from "../../src/core/command.ts";
import { InputError } from "../../src/core/errors.ts";
import { replyToPlainText, textReply } from "../../src/core/reply.ts";
import { consoleText, testRuntime, type TestRuntime } from "../support/runtime.ts";

let rt: TestRuntime;
beforeAll(async () => {
  rt = await testRuntime();
});
afterAll(() => rt.dispose());

describe("handleMessage", () => {
  it("lists what the bot understands for help, by role", async () => {
    const asDelegate = await rt.bot.handle(consoleText("help", "dora", { role: "delegate" }));
    const asSecretariat = await rt.bot.handle(consoleText("help", "sam", { role: "secretariat" }));
    expect(replyToPlainText(asDelegate.replies[0]!)).toMatch(/whoami/);
    expect(replyToPlainText(asDelegate.replies[0]!)).not.toMatch(/role @user/);
    expect(replyToPlainText(asSecretariat.replies[0]!)).toMatch(/role @user/);
  });

  it("creates a member on first contact as a delegate", async () => {
    await rt.bot.handle(consoleText("whoami", "newbie"));
    const m = await rt.store.db.member.findFirstOrThrow({ where: { platformUserId: "newbie" } });
    expect(m.role).toBe("delegate");
  });

  it("lets the secretariat set a member's role and records it in the audit log", async () => {
    await rt.bot.handle(consoleText("whoami", "claire"));
    const r = await rt.bot.handle(consoleText("role @claire chair", "sam", { role: "secretariat" }));
    expect(replyToPlainText(r.replies[0]!)).toMatch(/claire is now a chair of CCWP/);
    expect((await rt.store.db.member.findFirstOrThrow({ where: { platformUserId: "claire" } })).role).toBe("chair");
    const entry = await rt.store.db.auditEntry.findFirstOrThrow({ where: { action: "member.role", subject: "console:claire" } });
    expect(entry.actor).toBe("console:sam");
    expect(entry.subject).toBe("console:claire");
  });

  it("refuses a delegate who tries to change a role, changes nothing, and audits the refusal", async () => {
    await rt.bot.handle(consoleText("whoami", "victim"));
    const r = await rt.bot.handle(consoleText("role @victim secretariat", "mallory", { role: "delegate" }));
    expect(r.replies[0]!.tone).toBe("error");
    expect(replyToPlainText(r.replies[0]!)).toMatch(/Only the secretariat can/);
    expect((await rt.store.db.member.findFirstOrThrow({ where: { platformUserId: "victim" } })).role).toBe("delegate");
    expect(await rt.store.db.auditEntry.count({ where: { action: "permission.refused", actor: "console:mallory" } })).toBe(1);
  });

  it("refuses empty and over-long messages before doing anything", async () => {
    const before = await rt.store.db.member.count();
    const empty = await rt.bot.handle(consoleText("   ", "ghost"));
    const long = await rt.bot.handle(consoleText("x".repeat(4001), "ghost"));
    expect(replyToPlainText(empty.replies[0]!)).toMatch(/Say something/);
    expect(replyToPlainText(long.replies[0]!)).toMatch(/4001 characters long; I read at most 4000/);
    expect(await rt.store.db.member.count()).toBe(before);
  });

  it("ignores role claims from Slack users: their role comes from the store", async () => {
    const r = await rt.bot.handle({ ...consoleText("whoami", "U999", { role: "secretariat" }), platform: "slack" });
    expect(replyToPlainText(r.replies[0]!)).toMatch(/Role: delegate/);
  });

  it("keeps nothing and sends nothing for a command that fails after writing: no change, no audit entry, no delivery", async () => {
    // A command that writes all three kinds of row and then finds a problem, as a handler may.
    const writesThenFails = defineCommand({
      id: "test.fails",
      group: "Test",
      summary: "Write, then fail.",
      usage: "fail",
      examples: [],
      args: z.object({}),
      handler: async (_a, ctx) => {
        await ctx.uow.audit.record({ actor: ctx.actor.ref, action: "test.change" });
        await ctx.outbox.enqueue({ key: "test:fails", kind: "notice", platform: "console", to: { kind: "channel", id: "#ccwp" }, replies: [textReply("caused")], dueAt: ctx.now });
        throw new InputError("That cannot be done after all.");
      },
    });
    const router = new CommandRouter([writesThenFails], [{ pattern: /^fail$/, command: "test.fails" }]);
    const r = await handleMessage(consoleText("fail", "failing-user"), router, rt.deps);
    expect(r.replies[0]!.tone).toBe("error");
    expect(r.deliveryIds).toEqual([]);
    expect(await rt.store.db.delivery.count({ where: { key: "test:fails" } })).toBe(0);
    expect(await rt.store.db.auditEntry.count({ where: { action: "test.change" } })).toBe(0);
    expect(await rt.store.db.member.count({ where: { platformUserId: "failing-user" } })).toBe(0);
  });
});
