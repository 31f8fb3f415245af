import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { replyToPlainText, type Reply } from "../../src/core/reply.ts";
import { enqueueDueChases } from "../../src/collection/chase.ts";
import { Outbox } from "../../src/outbox/outbox.ts";
import { openStore } from "../../src/store/index.ts";
import { databaseKinds } from "../support/databases.ts";
import { testRuntime, type TestRuntime } from "../support/runtime.ts";
import { from, NOW, press, seedPlan, submitForm, type Fixture } from "./fixtures.ts";

const text = (r: { replies: Reply[] }) => r.replies.map(replyToPlainText).join("\n");
const isError = (r: { replies: Reply[] }) => r.replies.some((x) => x.tone === "error");

describe.each(databaseKinds)("progress-report collection on %s", (kind) => {
  let rt: TestRuntime;
  let f: Fixture;
  beforeEach(async () => {
    rt = await testRuntime(kind);
    f = await seedPlan(rt.store.db);
  });
  afterEach(() => rt.dispose());

  const say = (who: keyof Fixture["members"], t: string, at = NOW) => rt.bot.handle(from(f.members[who], t, at));
  const start = () => say("chair", "collect start plan 99 due 2026-12-15");
  const counts = async () => ({
    collections: await rt.store.db.collection.count(),
    deliveries: await rt.store.db.delivery.count(),
    reports: await rt.store.db.progressReport.count(),
    versions: await rt.store.db.reportVersion.count(),
  });

  describe("starting", () => {
    it("asks each lead in a direct message on their own platform, with a button to the form", async () => {
      const r = await start();
      expect(isError(r)).toBe(false);
      expect(text(r)).toContain("3 actions, reports due 15 December 2026");
      const asks = await rt.store.db.delivery.findMany({ where: { kind: "report-request" }, orderBy: { id: "asc" } });
      expect(asks.map((d) => [d.platform, d.targetKind, d.target, d.targetRef])).toEqual([
        ["slack", "user", "U0FR", "D0FRDM"],
        ["teams", "user", "29:de-aad", f.members.de.directRef],
        ["console", "user", "nl-lead", null],
      ]);
      const c = await rt.store.db.collection.findFirstOrThrow();
      expect(asks.map((d) => d.key)).toEqual([
        `collect:${c.id}:ask:${f.actions["99.1"]}:${f.members.fr.id}`,
        `collect:${c.id}:ask:${f.actions["99.2"]}:${f.members.de.id}`,
        `collect:${c.id}:ask:${f.actions["99.3"]}:${f.members.nl.id}`,
      ]);
      const button = (JSON.parse(asks[0]!.payload) as Reply[])[0]!.blocks.find((b) => b.type === "buttons");
      expect(button?.type === "buttons" && button.buttons[0]).toMatchObject({ command: "report.form", args: { action: "99.1", collection: c.id } });
      const entry = await rt.store.db.auditEntry.findFirstOrThrow({ where: { action: "collection.start" } });
      expect(entry.actor).toBe("console:chair");
      expect(JSON.parse(entry.detail)).toMatchObject({ plan: 99, due: "2026-12-15", actions: ["99.1", "99.2", "99.3"] });
    });

    it("asks every member of the lead delegation when no lead member is named", async () => {
      const de2 = await rt.store.db.member.create({ data: { workingPartyId: f.wpId, platform: "slack", platformUserId: "U0DE2", displayName: "Eva Klein", delegation: "DE" } });
      await start();
      const targets = (await rt.store.db.delivery.findMany({ where: { key: { contains: `:ask:${f.actions["99.2"]}:` } } })).map((d) => `${d.platform}:${d.target}`).sort();
      expect(targets).toEqual([`slack:${de2.platformUserId}`, "teams:29:de-aad"]);
    });

    it("asks only the chosen actions", async () => {
      await say("chair", "collect start plan 99 due 2026-12-15 actions 99.1, 99.3");
      const items = await rt.store.db.collectionItem.findMany({ include: { action: true } });
      expect(items.map((i) => i.action.code).sort()).toEqual(["99.1", "99.3"]);
    });

    it("offers a form without arguments, and starts from the submitted form", async () => {
      const r = await say("chair", "collect start");
      const form = r.replies[0]!.blocks.find((b) => b.type === "form");
      expect(form?.type === "form" && form.form.fields.map((x) => x.name)).toEqual(["plan", "due", "actions"]);
      const s = await rt.bot.handle(submitForm(f.members.chair, "collect.start", { plan: "99", due: "2026-12-15", actions: "" }));
      expect(isError(s)).toBe(false);
      expect(await rt.store.db.collectionItem.count()).toBe(3);
    });

    it.each([
      ["a delegate", "de", "collect start plan 99 due 2026-12-15", /Only chairs and the secretariat/],
      ["an unknown plan", "chair", "collect start plan 42 due 2026-12-15", /no action plan 42\. Its plans are: 1, 99/],
      ["an unknown action", "chair", "collect start plan 99 due 2026-12-15 actions 99.1,99.9", /no action 99\.9/],
      ["a due date in the past", "chair", "collect start plan 99 due 2026-11-01", /not in the future/],
      ["today as due date", "chair", "collect start plan 99 due 2026-11-23", /not in the future/],
      ["an impossible date", "chair", "collect start plan 99 due 2026-02-30", /does not exist/],
    ] as const)("refuses %s and changes nothing", async (_what, who, t, message) => {
      const r = await say(who, t);
      expect(isError(r)).toBe(true);
      expect(text(r)).toMatch(message);
      expect(await counts()).toEqual({ collections: 0, deliveries: 0, reports: 0, versions: 0 });
    });

    it("audits a delegate's refused start", async () => {
      await say("de", "collect start plan 99 due 2026-12-15");
      const e = await rt.store.db.auditEntry.findFirstOrThrow({ where: { action: "permission.refused" } });
      expect(e.actor).toBe("teams:29:de-aad");
    });

    it("refuses a second open collection for the same plan", async () => {
      await start();
      const r = await start();
      expect(text(r)).toMatch(/already open/);
      expect(await rt.store.db.collection.count()).toBe(1);
    });
  });

  describe("reporting", () => {
    beforeEach(async () => {
      await start();
    });

    it("records a typed report, with next steps and risks, before saying thank you", async () => {
      const r = await say("fr", "report 99.1 on track: two trainings held. next: a third in March risks: travel budgets");
      expect(text(r)).toMatch(/^Thank you\. Your report on action 99\.1 \(On track\) is recorded/);
      // A crash right after the thank-you loses nothing: another connection already sees the report.
      const other = await openStore(rt.database.url);
      try {
        const saved = await other.db.progressReport.findFirstOrThrow({ include: { versions: true } });
        expect(saved).toMatchObject({ status: "on_track", summary: "two trainings held.", nextSteps: "a third in March", risks: "travel budgets", version: 1, late: false });
        expect(saved.versions).toHaveLength(1);
        expect(saved.versions[0]).toMatchObject({ submittedBy: "slack:U0FR", memberId: f.members.fr.id });
      } finally {
        await other.close();
      }
    });

    it("refuses a delegate reporting for another delegation's action, audits it and records nothing", async () => {
      const r = await say("it", "report 99.2 delayed: not ours");
      expect(text(r)).toMatch(/Only the lead of action 99\.2 \(DE\)/);
      expect(await rt.store.db.progressReport.count()).toBe(0);
      const e = await rt.store.db.auditEntry.findFirstOrThrow({ where: { action: "report.refused" } });
      expect(e).toMatchObject({ actor: "console:it-del", subject: expect.stringContaining("action:99.2") });
      const form = await rt.bot.handle(press(f.members.it, "report.form", { action: "99.2" }));
      expect(isError(form)).toBe(true);
    });

    it("lets any member of the lead delegation report, and the secretariat on their behalf", async () => {
      expect(isError(await say("de", "report 99.2 delayed: the study is late"))).toBe(false);
      const sec = await rt.store.db.member.create({ data: { workingPartyId: f.wpId, platform: "console", platformUserId: "gsc", displayName: "GSC", role: "secretariat" } });
      expect(isError(await rt.bot.handle(from(sec, "report 99.3 not started: received by e-mail")))).toBe(false);
      const e = await rt.store.db.auditEntry.findFirstOrThrow({ where: { actor: "console:gsc", action: "report.submit" } });
      expect(JSON.parse(e.detail)).toMatchObject({ onBehalfOf: "NL" });
    });

    it("keeps every version of an edited report and audits each edit", async () => {
      await say("fr", "report 99.1 on track: first text");
      const r = await say("fr", "report 99.1 delayed: second text risks: staff");
      expect(text(r)).toMatch(/updated \(version 2\)/);
      const report = await rt.store.db.progressReport.findFirstOrThrow({ include: { versions: { orderBy: { version: "asc" } } } });
      expect(report).toMatchObject({ version: 2, status: "delayed", summary: "second text", risks: "staff" });
      expect(report.versions.map((v) => [v.version, v.status, v.summary])).toEqual([
        [1, "on_track", "first text"],
        [2, "delayed", "second text"],
      ]);
      const audits = await rt.store.db.auditEntry.findMany({ where: { action: { in: ["report.submit", "report.edit"] } }, orderBy: { id: "asc" } });
      expect(audits.map((a) => a.action)).toEqual(["report.submit", "report.edit"]);
    });

    it("opens the form from the request's button, pre-filled from the previous report", async () => {
      await say("fr", "report 99.1 on track: trainings held next: more");
      const c = await rt.store.db.collection.findFirstOrThrow();
      const r = await rt.bot.handle(press(f.members.fr, "report.form", { action: "99.1", collection: c.id, text: "report 99.1" }));
      const block = r.replies[0]!.blocks.find((b) => b.type === "form");
      if (block?.type !== "form") throw new Error("no form");
      expect(block.form.command).toBe("report.submit");
      expect(block.form.context).toEqual({ collection: String(c.id), action: "99.1", version: "1" });
      expect(Object.fromEntries(block.form.fields.map((x) => [x.name, x.value]))).toEqual({ status: "on_track", summary: "trainings held", nextSteps: "more", risks: undefined });
    });

    it("pre-fills the next collection's form from the last one", async () => {
      await say("fr", "report 99.1 completed: all done");
      await say("chair", "collect close");
      await say("chair", "collect start plan 99 due 2027-03-01");
      const r = await say("fr", "report 99.1");
      const block = r.replies[0]!.blocks.find((b) => b.type === "form");
      expect(block?.type === "form" && block.form.fields.find((x) => x.name === "summary")?.value).toBe("all done");
      expect(block?.type === "form" && block.form.context.version).toBe("0");
    });

    it("submits the form, and collides visibly when another lead saved first, losing nothing", async () => {
      const de2 = await rt.store.db.member.create({ data: { workingPartyId: f.wpId, platform: "slack", platformUserId: "U0DE2", displayName: "Eva Klein", delegation: "DE" } });
      const c = await rt.store.db.collection.findFirstOrThrow();
      const values = (summary: string) => ({ collection: String(c.id), action: "99.2", version: "0", status: "delayed", summary, nextSteps: "", risks: "" });
      const [a, b] = await Promise.all([
        rt.bot.handle(submitForm(f.members.de, "report.submit", values("Hans's text"))),
        rt.bot.handle(submitForm(de2, "report.submit", values("Eva's text"))),
      ]);
      const results = [a, b];
      expect(results.filter(isError)).toHaveLength(1);
      const loser = results.find(isError)!;
      expect(text(loser)).toMatch(/while you were editing, so yours was not saved\. Reload the form/);
      const saved = await rt.store.db.progressReport.findFirstOrThrow({ include: { versions: true } });
      expect(saved.versions).toHaveLength(1);
      // the loser's words come back to them
      const loserText = saved.summary === "Hans's text" ? "Eva's text" : "Hans's text";
      expect(text(loser)).toContain(loserText);
      // submitting again from the reloaded form (version 1) works
      const again = await rt.bot.handle(submitForm(saved.summary === "Hans's text" ? de2 : f.members.de, "report.submit", { ...values(loserText), version: "1" }));
      expect(isError(again)).toBe(false);
      expect(await rt.store.db.reportVersion.count()).toBe(2);
    });

    it("refuses a form based on an old version", async () => {
      await say("de", "report 99.2 delayed: v1");
      await say("de", "report 99.2 delayed: v2");
      const c = await rt.store.db.collection.findFirstOrThrow();
      const r = await rt.bot.handle(submitForm(f.members.de, "report.submit", { collection: String(c.id), action: "99.2", version: "1", status: "delayed", summary: "from a stale form" }));
      expect(r.replies[0]!.tone).toBe("error");
      expect(text(r)).toMatch(/version 2/);
      expect((await rt.store.db.progressReport.findFirstOrThrow()).summary).toBe("v2");
    });

    it.each([
      ["an empty summary", "report 99.1 on track:", /write a summary/],
      ["an unknown status", "report 99.1 splendid: all good", /on track, delayed, completed or not started/],
      ["an unknown action", "report 99.9 on track: text", /No collection in CCWP asks for a report on action 99\.9/],
      ["an over-long summary", `report 99.1 on track: ${"x".repeat(2001)}`, /at most 2,000 characters/],
    ])("refuses %s with a clear message and records nothing", async (_what, t, message) => {
      const r = await say("fr", t);
      expect(isError(r)).toBe(true);
      expect(text(r)).toMatch(message);
      expect(await rt.store.db.progressReport.count()).toBe(0);
    });

    it("names the form field that is too long", async () => {
      const c = await rt.store.db.collection.findFirstOrThrow();
      const r = await rt.bot.handle(submitForm(f.members.fr, "report.submit", { collection: String(c.id), action: "99.1", version: "0", status: "on_track", summary: "ok", risks: "r".repeat(1501) }));
      expect(r.replies[0]!.fieldErrors?.risks).toMatch(/at most 1,500/);
    });

    it("keeps a report sent after closing, marked late, and status shows it", async () => {
      await say("fr", "report 99.1 on track: in time");
      await say("chair", "collect close");
      const r = await say("de", "report 99.2 delayed: after closing");
      expect(text(r)).toMatch(/kept and marked late/);
      const late = await rt.store.db.progressReport.findFirstOrThrow({ where: { actionId: f.actions["99.2"] } });
      expect(late.late).toBe(true);
      const st = await say("chair", "collect status");
      expect(text(st)).toMatch(/2 of 3 actions reported/);
      expect(text(st)).toMatch(/Late \(1\)\n99\.2/);
      const audits = (await rt.store.db.auditEntry.findMany()).map((a) => a.action);
      expect(audits).toEqual(expect.arrayContaining(["collection.start", "report.submit", "collection.close"]));
    });

    it("marks a report sent after the due day as late", async () => {
      const r = await say("fr", "report 99.1 on track: a day late", new Date("2026-12-16T09:00:00Z"));
      expect(text(r)).toMatch(/marked late/);
    });
  });

  describe("status", () => {
    it("counts reported actions and lists who is missing, in blocks", async () => {
      await start();
      await say("fr", "report 99.1 on track: done");
      const r = await say("chair", "collect status");
      const reply = r.replies[0]!;
      expect(reply.summary).toBe("Plan 99: 1 of 3 actions reported");
      const section = reply.blocks[0];
      expect(section?.type === "section" && section.fields).toContainEqual({ label: "Reported", value: "1 of 3 actions reported" });
      const missing = reply.blocks.find((b) => b.type === "section" && b.title.startsWith("Missing"));
      expect(missing?.type === "section" && missing.text).toBe("99.2 Risk information exchange under Naples II — DE\n99.3 Handbook on joint customs operations — NL");
    });

    it("is refused to delegates", async () => {
      await start();
      expect(text(await say("fr", "collect status"))).toMatch(/Only chairs and the secretariat/);
    });

    it("says how to start when nothing was collected", async () => {
      expect(text(await say("chair", "collect status"))).toMatch(/collect start plan N due YYYY-MM-DD/);
    });
  });

  describe("chasing", () => {
    beforeEach(async () => {
      await start();
      await say("fr", "report 99.1 on track: done");
    });

    it("reminds only the leads who have not reported, once, and sends the chair a digest", async () => {
      const r = await say("chair", "collect chase");
      expect(text(r)).toMatch(/Reminded 2 leads for 2 actions without a report \(99\.2, 99\.3\)/);
      const chases = await rt.store.db.delivery.findMany({ where: { kind: "chase" }, orderBy: { id: "asc" } });
      expect(chases.map((d) => `${d.platform}:${d.target}`)).toEqual(["teams:29:de-aad", "console:nl-lead"]);
      const digest = await rt.store.db.delivery.findFirstOrThrow({ where: { kind: "digest" } });
      expect(digest).toMatchObject({ platform: "console", targetKind: "user", target: "chair" });
      expect(digest.payload).toContain("99.2 Risk information exchange under Naples II — DE");
      expect(digest.payload).not.toContain("99.1 Joint");
      const again = await say("chair", "collect chase");
      expect(text(again)).toMatch(/already reminded/);
      expect(await rt.store.db.delivery.count({ where: { kind: "chase" } })).toBe(2);
      expect(await rt.store.db.auditEntry.count({ where: { action: "collection.chase" } })).toBe(1);
    });

    it("chases on schedule through enqueueDueChases, exactly once per occurrence", async () => {
      const deps = { store: rt.store, logger: rt.logger };
      const outbox = new Outbox(rt.store);
      expect(await enqueueDueChases(deps, outbox, new Date("2026-12-04T07:59:00Z"))).toBe(0);
      expect(await enqueueDueChases(deps, outbox, new Date("2026-12-04T08:00:00Z"))).toBe(3); // DE, NL, digest
      expect(await enqueueDueChases(deps, outbox, new Date("2026-12-04T08:01:00Z"))).toBe(0);
      await say("nl", "report 99.3 not started: waiting for a budget", new Date("2026-12-05T10:00:00Z"));
      expect(await enqueueDueChases(deps, outbox, new Date("2026-12-11T08:00:00Z"))).toBe(2); // DE, digest
      const keys = (await rt.store.db.delivery.findMany({ where: { kind: "chase" } })).map((d) => d.key).sort();
      const c = await rt.store.db.collection.findFirstOrThrow();
      expect(keys).toEqual(
        [
          `collect:${c.id}:chase:${f.actions["99.2"]}:${f.members.de.id}:wd-2`,
          `collect:${c.id}:chase:${f.actions["99.2"]}:${f.members.de.id}:wd-7`,
          `collect:${c.id}:chase:${f.actions["99.3"]}:${f.members.nl.id}:wd-7`,
        ].sort(),
      );
      const auditors = (await rt.store.db.auditEntry.findMany({ where: { action: "collection.chase" } })).map((a) => a.actor);
      expect(auditors).toEqual(["scheduler", "scheduler"]);
      // closed collections are not chased
      await say("chair", "collect close", new Date("2026-12-12T10:00:00Z"));
      expect(await enqueueDueChases(deps, outbox, new Date("2026-12-15T08:00:00Z"))).toBe(0);
    });
  });
});
