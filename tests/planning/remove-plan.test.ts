/**
 * `remove plan N` takes back a plan imported by mistake (issue 14, item 12): the secretariat only,
 * confirmed, audited in the same unit of work; refused while a collection of the plan is open or
 * holds reports; its reminders not yet sent never go out.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { IncomingMessage } from "../../src/core/message.ts";
import type { Messenger, OutgoingMessage, SendResult } from "../../src/core/messenger.ts";
import { replyToPlainText, type Button } from "../../src/core/reply.ts";
import { createLogger } from "../../src/log/logger.ts";
import { Dispatcher } from "../../src/outbox/dispatcher.ts";
import { reminderPlanner } from "../../src/reminders/reminder-planner.ts";
import { runTick } from "../../src/scheduler/tick.ts";
import { runCli } from "../support/cli.ts";
import { databaseKinds, seededDatabase } from "../support/databases.ts";
import { createPlan } from "../support/plans.ts";
import { consoleText, testRuntime, type TestRuntime } from "../support/runtime.ts";

const NOW = new Date("2026-11-23T10:00:00Z");
const log = createLogger("silent");
type Claims = { role?: "delegate" | "chair" | "secretariat"; delegation?: string };
const SECRETARIAT: Claims = { role: "secretariat" };

/** A console messenger that fails while `down` (the network is out) and records what it sent. */
class Channel implements Messenger {
  readonly platform = "console" as const;
  readonly sent: OutgoingMessage[] = [];
  down = false;
  async send(m: OutgoingMessage): Promise<SendResult> {
    if (this.down) return { ok: false, retryable: true, error: "network down" };
    this.sent.push(m);
    return { ok: true };
  }
  texts(): string[] {
    return this.sent.map((m) => m.replies.map(replyToPlainText).join("\n"));
  }
}

describe.each(databaseKinds)("removing a plan on %s", (kind) => {
  let rt: TestRuntime;
  afterEach(() => rt.dispose());
  const handle = async (m: IncomingMessage) => (await rt.bot.handle(m)).replies;
  const say = async (text: string, user: string, claims: Claims, at = NOW) => (await handle(consoleText(text, user, claims, at))).map(replyToPlainText).join("\n");
  const press = async (b: Button, user: string, claims: Claims) => (await handle({ ...consoleText("", user, claims, NOW), kind: "action", command: b.command, args: b.args })).map(replyToPlainText).join("\n");
  const snapshot = async () => ({
    plans: await rt.store.db.actionPlan.count(),
    actions: await rt.store.db.action.count(),
    deadlines: await rt.store.db.deadline.count(),
    collections: await rt.store.db.collection.count(),
    removals: await rt.store.db.auditEntry.count({ where: { action: "plan.remove" } }),
  });
  const tick = (iso: string, m: Channel) => runTick({ store: rt.store, logger: log }, new Dispatcher(rt.store, [m], log), new Date(iso), [reminderPlanner]);
  /** Plan 77 runs; plan 78, imported by mistake over the same period, has the higher number and so is current. */
  const twoPlans = async () => {
    rt = await testRuntime(kind);
    await createPlan(rt.store.db, { number: 77, actions: [{ code: "77.1", due: "2026-12-07" }], adoptNextBy: "2027-04-30" });
    return createPlan(rt.store.db, { number: 78, actions: [{ code: "78.1", due: "2026-12-07" }, { code: "78.2", due: "2027-01-15" }], adoptNextBy: "2027-04-30" });
  };

  it("refuses delegates and chairs, and changes nothing", async () => {
    await twoPlans();
    const before = await snapshot();
    for (const claims of [{ delegation: "FR" }, { role: "chair" as const }]) {
      for (const text of ["remove plan 78", "delete plan 78 confirm"]) expect(await say(text, "someone", claims)).toMatch(/Only the secretariat can remove a plan[\s\S]*nothing was changed/);
    }
    expect(await snapshot()).toEqual(before);
    expect(await say("current plan", "sam", SECRETARIAT)).toMatch(/CCWP plan 78/i);
  });

  it("asks the secretariat to confirm, then removes the plan with its actions and deadlines, audited, and plan 77 is current again", async () => {
    const plan = await twoPlans();
    expect(await say("current plan", "sam", SECRETARIAT)).toMatch(/CCWP plan 78: Action plan 78/i);
    const before = await snapshot();

    const preview = await handle(consoleText("remove plan 78", "sam", SECRETARIAT, NOW));
    const text = preview.map(replyToPlainText).join("\n");
    expect(text).toMatch(/Remove CCWP plan 78 \(Action plan 78\)\?/i);
    expect(text).toMatch(/deletes its 2 actions and 3 deadlines/);
    expect(text).toMatch(/Nothing is removed until you confirm[\s\S]*remove plan 78 confirm/);
    expect(await snapshot()).toEqual(before);

    const button = preview.flatMap((r) => r.blocks).flatMap((b) => (b.type === "buttons" ? b.buttons : []))[0]!;
    expect(button).toMatchObject({ command: "plan.remove", style: "danger" });
    expect(await press(button, "sam", SECRETARIAT)).toMatch(/Removed CCWP plan 78 \(Action plan 78\): its 2 actions and 3 deadlines/);

    expect(await rt.store.db.actionPlan.findUnique({ where: { id: plan.id } })).toBeNull();
    expect(await rt.store.db.action.count({ where: { planId: plan.id } })).toBe(0);
    expect(await rt.store.db.deadline.count({ where: { planId: plan.id } })).toBe(0);
    expect(await snapshot()).toEqual({ ...before, plans: before.plans - 1, actions: before.actions - 2, deadlines: before.deadlines - 3, removals: 1 });
    const entry = await rt.store.db.auditEntry.findFirstOrThrow({ where: { action: "plan.remove" } });
    expect(entry).toMatchObject({ actor: "console:sam", subject: "CCWP plan 78" });
    expect(JSON.parse(entry.detail)).toMatchObject({ number: 78, title: "Action plan 78", actions: 2, deadlines: 3, collections: 0 });

    // The rule of src/planning/cycle/plans.ts: the running plan with the highest number is plan 77 now,
    // and nothing has followed it any more.
    const current = await say("current plan", "sam", SECRETARIAT);
    expect(current).toMatch(/CCWP plan 77: Action plan 77/i);
    expect(current).toMatch(/The next plan must be adopted by 30 April 2027/);
    expect(await say("action 78.1", "sam", SECRETARIAT)).toMatch(/CCWP has no action 78\.1/);
    expect(await say("remove plan 78 confirm", "sam", SECRETARIAT)).toMatch(/CCWP has no plan 78; nothing was removed/);
  });

  it("refuses a plan whose collection holds reports or is open, naming the collections, and keeps everything", async () => {
    const plan = await twoPlans();
    const wp = await rt.store.db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } });
    const [a1] = await rt.store.db.action.findMany({ where: { planId: plan.id }, orderBy: { ord: "asc" } });
    const closed = await rt.store.db.collection.create({ data: { workingPartyId: wp.id, planId: plan.id, dueDate: "2026-10-15", status: "closed", startedBy: "console:chair" } });
    await rt.store.db.progressReport.create({ data: { collectionId: closed.id, actionId: a1!.id, status: "on_track", summary: "Training held in Lyon" } });
    const open = await rt.store.db.collection.create({ data: { workingPartyId: wp.id, planId: plan.id, dueDate: "2026-12-15", status: "open", startedBy: "console:chair" } });
    const before = await snapshot();

    for (const text of ["remove plan 78", "remove plan 78 confirm"]) {
      const out = await say(text, "sam", SECRETARIAT);
      expect(out).toMatch(/CCWP plan 78 cannot be removed/);
      expect(out).toContain(`collection #${closed.id} (due 15 October 2026, closed) holds 1 progress report`);
      expect(out).toContain(`collection #${open.id} (due 15 December 2026, open) is open`);
      expect(out).toMatch(/nothing was removed/);
    }
    expect(await snapshot()).toEqual(before);
    expect(await rt.store.db.progressReport.count({ where: { collectionId: closed.id } })).toBe(1);

    // A closed collection without reports goes with the plan.
    await rt.store.db.progressReport.deleteMany({ where: { collectionId: closed.id } });
    await rt.store.db.collection.update({ where: { id: open.id }, data: { status: "closed" } });
    expect(await say("remove plan 78 confirm", "sam", SECRETARIAT)).toMatch(/2 actions, 3 deadlines and 2 closed collections without reports/);
    expect(await rt.store.db.collection.count({ where: { planId: plan.id } })).toBe(0);
  });

  it("answers bad input with one clear message and changes nothing", async () => {
    await twoPlans();
    const before = await snapshot();
    expect(await say("remove plan x", "sam", SECRETARIAT)).toMatch(/number: a plan number such as 12\. Usage: remove plan N \[confirm\]/);
    expect(await say("remove plan 78 please", "sam", SECRETARIAT)).toMatch(/confirm: type "confirm" after the number/);
    expect(await say("remove plan 99 confirm", "sam", SECRETARIAT)).toMatch(/CCWP has no plan 99; nothing was removed/);
    expect(await snapshot()).toEqual(before);
  });

  it("sends none of the removed plan's reminders waiting in the outbox, and the other plan's still go out", async () => {
    await twoPlans();
    const channel = new Channel();
    channel.down = true; // 14 days before 7 December: one digest for #ccwp with 77.1 and 78.1, not sent
    await tick("2026-11-23T08:00:00Z", channel);
    const waiting = await rt.store.db.delivery.findFirstOrThrow({ where: { kind: "reminder", status: "pending" } });
    expect(waiting.payload).toMatch(/78\.1/);

    expect(await say("remove plan 78 confirm", "sam", SECRETARIAT, new Date("2026-11-23T08:00:20Z"))).toMatch(/Removed CCWP plan 78/);
    channel.down = false;
    await tick("2026-11-23T08:01:00Z", channel);
    expect(channel.texts()).toHaveLength(1);
    expect(channel.texts()[0]).toMatch(/77\.1 — Action 77\.1[\s\S]*due in 14 days/);
    expect(channel.texts()[0]).not.toMatch(/78\./);
    // Later ticks never remind of it either (its 78.2 would have been due 14 days before 15 January).
    await tick("2027-01-01T08:00:00Z", channel);
    expect(channel.texts().join("\n")).not.toMatch(/78\./);
  });

  it("withdraws a waiting digest that carried only the removed plan's reminders", async () => {
    rt = await testRuntime(kind);
    await createPlan(rt.store.db, { number: 78, actions: [{ code: "78.1", due: "2026-12-07" }] });
    const channel = new Channel();
    channel.down = true;
    await tick("2026-11-23T08:00:00Z", channel);
    const waiting = await rt.store.db.delivery.findFirstOrThrow({ where: { kind: "reminder", status: "pending" } });

    expect(await say("remove plan 78 confirm", "sam", SECRETARIAT, new Date("2026-11-23T08:00:20Z"))).toMatch(/Removed CCWP plan 78/);
    expect((await rt.store.db.delivery.findUniqueOrThrow({ where: { id: waiting.id } })).status).toBe("withdrawn");
    expect(JSON.parse((await rt.store.db.auditEntry.findFirstOrThrow({ where: { action: "plan.remove" } })).detail)).toMatchObject({ remindersWithdrawn: 1 });
    channel.down = false;
    await tick("2026-11-23T08:01:00Z", channel);
    expect(channel.sent).toHaveLength(0);
  });
});

describe.each(databaseKinds)("secretariat plan remove on %s", (kind) => {
  it("without --yes says what would go and exits 2; with --yes removes the 1997 plan, audited as the operator", async () => {
    const db = await seededDatabase(kind);
    try {
      const env = { DATABASE_URL: db.url };
      const preview = await runCli(["plan", "remove", "1"], { env });
      expect(preview.code).toBe(2);
      expect(preview.stdout).toBe("");
      expect(preview.stderr).toBe("secretariat: nothing was removed: CCWP plan 1 holds 43 actions and 28 deadlines; add --yes to remove it (secretariat plan remove 1 --yes)\n");
      expect(JSON.parse((await runCli(["deadlines", "--plan", "1", "--json"], { env })).stdout)).toHaveLength(28);

      for (const [args, message] of [
        [["plan", "remove", "x", "--yes"], /"x" is not a plan number/],
        [["plan", "remove", "5", "--yes"], /^secretariat: CCWP has no plan 5; its plans are 1\.$/],
        [["plan", "remove", "1", "--wp", "NOPE", "--yes"], /NOPE/],
      ] as const) {
        const r = await runCli([...args], { env });
        expect([r.code, r.stderr.trim().split("\n")]).toEqual([2, [expect.stringMatching(message)]]);
      }
      expect(JSON.parse((await runCli(["deadlines", "--plan", "1", "--json"], { env })).stdout)).toHaveLength(28);

      const done = await runCli(["plan", "remove", "1", "--yes", "--json"], { env });
      expect([done.code, done.stderr]).toEqual([0, ""]);
      expect(JSON.stringify(JSON.parse(done.stdout))).toMatch(/Removed CCWP plan 1 /);
      const after = await runCli(["deadlines", "--plan", "1"], { env });
      expect([after.code, after.stderr]).toEqual([2, expect.stringMatching(/CCWP has no plan 1/)]);
      const audit = JSON.parse((await runCli(["audit", "--json"], { env })).stdout) as { actor: string; action: string; subject: string }[];
      expect(audit.filter((e) => e.action === "plan.remove")).toEqual([expect.objectContaining({ actor: "console:cli", subject: "CCWP plan 1", detail: expect.objectContaining({ number: 1, actions: 43, deadlines: 28 }) })]);
    } finally {
      await db.drop();
    }
  });
});
