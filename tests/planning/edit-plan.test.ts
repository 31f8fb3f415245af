/**
 * Editing a plan from the console: an action with its deadlines is added or changed whole or not
 * at all, each deadline's day is read as the plan importer reads it, a form from another working
 * party changes nothing, and every change is audited with its author. On both stores.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.ts";
import { addAction, addDeadline, readPlanPhrase, updateAction, updateDeadline, type Editor } from "../../src/planning/plan-file/edit-plan.ts";
import { databaseKinds } from "../support/databases.ts";
import { createPlan } from "../support/plans.ts";
import { testRuntime, type TestRuntime } from "../support/runtime.ts";

const NOW = new Date("2026-11-23T10:00:00Z");

describe.each(databaseKinds)("editing a plan (%s)", (kind) => {
  let rt: TestRuntime;
  let planId: number;
  let by: Editor;
  let other: Editor;
  const deadlinesOf = (actionId: number) => rt.store.db.deadline.findMany({ where: { actionId }, orderBy: { ord: "asc" } });
  const refusal = async (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof InputError ? e : Promise.reject(e)));

  beforeAll(async () => {
    rt = await testRuntime(kind);
    const db = rt.store.db;
    const ccwp = await db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } });
    const lewp = await db.workingParty.create({ data: { code: "LEWP", name: "Law Enforcement Working Party" } });
    planId = (await createPlan(db, { number: 30, start: "2026-07-01", actions: [{ code: "30.1", due: "2026-12-31", text: "December 2026" }] })).id;
    by = { workingPartyId: ccwp.id, actor: "slack:U0SEC", now: NOW };
    other = { workingPartyId: lewp.id, actor: "slack:U0OTHER", now: NOW };
  }, 120_000);
  afterAll(async () => rt?.dispose());

  it("adds an action at the end of the plan with its deadlines read against the plan's period, audited", async () => {
    const a = await addAction(rt.store, planId, { code: "30.2", title: "Joint customs operation", leadDelegation: "nl", deadlines: [{ due: "Q3 2027", what: "operation report" }, { due: "" }, { due: "by end 2026" }] }, by);
    expect([a.code, a.ord, a.leadDelegation]).toEqual(["30.2", 1, "NL"]);
    expect((await deadlinesOf(a.id)).map((d) => [d.text, d.dueDate, d.precision, d.what])).toEqual([
      ["Q3 2027", "2027-09-30", "quarter", "operation report"],
      ["by end 2026", "2026-12-31", "year", null],
    ]);
    const entry = await rt.store.db.auditEntry.findFirstOrThrow({ where: { action: "action.add" } });
    expect([entry.actor, entry.subject]).toEqual(["slack:U0SEC", "plan 30 action 30.2"]);
  });

  it("stores nothing when one field of the form is bad, and names every bad field", async () => {
    const before = { actions: await rt.store.db.action.count(), audit: await rt.store.db.auditEntry.count() };
    const e = await refusal(addAction(rt.store, planId, { code: "30.3", title: "Good title", leadDelegation: "Frankreich", deadlines: [{ due: "June 2027" }, { due: "sometime soonish" }] }, by));
    expect(e?.fieldErrors).toEqual({ leadDelegation: expect.stringMatching(/"Frankreich" is not a delegation/), "due.1": expect.stringMatching(/sometime soonish/) });
    const dup = await refusal(addAction(rt.store, planId, { code: "30.1", title: "Same code", deadlines: [] }, by));
    expect(dup?.fieldErrors.code).toMatch(/already has an action 30\.1/);
    expect({ actions: await rt.store.db.action.count(), audit: await rt.store.db.auditEntry.count() }).toEqual(before);
  });

  it("changes, removes and adds deadlines of an action in one save; a bad row keeps all of them as they were", async () => {
    const a = await addAction(rt.store, planId, { code: "30.4", title: "Training", deadlines: [{ due: "June 2027" }, { due: "March 2027" }] }, by);
    const [june, march] = await deadlinesOf(a.id);
    const bad = await refusal(updateAction(rt.store, a.id, { title: "Training renamed", deadlines: [{ id: june!.id, due: "July 2027" }, { id: march!.id, due: "", remove: true }, { due: "not a day" }] }, by));
    expect(Object.keys(bad!.fieldErrors)).toEqual(["due.2"]);
    expect((await deadlinesOf(a.id)).map((d) => d.text)).toEqual(["June 2027", "March 2027"]);
    expect((await rt.store.db.action.findUniqueOrThrow({ where: { id: a.id } })).title).toBe("Training");

    await updateAction(rt.store, a.id, { title: "Training renamed", deadlines: [{ id: june!.id, due: "July 2027", what: "course" }, { id: march!.id, due: "March 2027", remove: true }, { due: "end 2027" }] }, by);
    const after = await deadlinesOf(a.id);
    expect(after.map((d) => [d.text, d.dueDate, d.what])).toEqual([
      ["July 2027", "2027-07-31", "course"],
      ["end 2027", "2027-12-31", null],
    ]);
    expect(after[0]!.id).toBe(june!.id);
    expect((await rt.store.db.action.findUniqueOrThrow({ where: { id: a.id } })).title).toBe("Training renamed");
  });

  it("refuses an emptied deadline unless it is ticked for removal", async () => {
    const a = await addAction(rt.store, planId, { code: "30.5", title: "Risk analysis", deadlines: [{ due: "May 2027" }] }, by);
    const [d] = await deadlinesOf(a.id);
    const e = await refusal(updateAction(rt.store, a.id, { title: "Risk analysis", deadlines: [{ id: d!.id, due: " " }] }, by));
    expect(e?.fieldErrors["due.0"]).toMatch(/tick Remove/);
    expect(await deadlinesOf(a.id)).toHaveLength(1);
  });

  it("changes nothing for a form from another working party", async () => {
    const a = await rt.store.db.action.findFirstOrThrow({ where: { planId, code: "30.1" } });
    const [d] = await deadlinesOf(a.id);
    const audit = await rt.store.db.auditEntry.count();
    await expect(updateAction(rt.store, a.id, { title: "Taken over", deadlines: [] }, other)).rejects.toThrow(/another working party/);
    await expect(updateDeadline(rt.store, d!.id, { due: "June 2030" }, other)).rejects.toThrow(/another working party/);
    await expect(addDeadline(rt.store, a.id, { due: "June 2030" }, other)).rejects.toThrow(/another working party/);
    await expect(addAction(rt.store, planId, { code: "30.9", title: "Sneaked in", deadlines: [] }, other)).rejects.toThrow(/not one of this working party's/);
    expect((await rt.store.db.action.findUniqueOrThrow({ where: { id: a.id } })).title).toBe("Action 30.1");
    expect((await deadlinesOf(a.id)).map((x) => x.text)).toEqual(["December 2026"]);
    expect(await rt.store.db.auditEntry.count()).toBe(audit);
  });

  it("edits one deadline and adds one, each read against the plan", async () => {
    const a = await rt.store.db.action.findFirstOrThrow({ where: { planId, code: "30.1" } });
    const [d] = await deadlinesOf(a.id);
    expect((await updateDeadline(rt.store, d!.id, { due: "by the end of the Irish Presidency" }, by)).dueDate).toBe("2026-12-31");
    expect((await addDeadline(rt.store, a.id, { due: "15 March 2027", what: "draft" }, by)).ord).toBe(1);
    await expect(addDeadline(rt.store, a.id, { due: "  " }, by)).rejects.toThrow(/Give the words/);
    expect((await rt.store.db.auditEntry.findMany({ where: { action: { in: ["deadline.edit", "deadline.add"] } } })).map((e) => e.action)).toEqual(["deadline.edit", "deadline.add"]);
  });

  it("previews a phrase as the importer reads it: a presidency nearest the plan's own period", () => {
    expect(readPlanPhrase("Q3 2027", { startDate: "2026-07-01", endDate: "2027-12-31" })).toMatchObject({ ok: true, dueDate: "2027-09-30" });
    expect(readPlanPhrase("whenever", { startDate: "2026-07-01", endDate: "2027-12-31" })).toMatchObject({ ok: false });
  });
});
