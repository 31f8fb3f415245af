/**
 * The action form over plain HTTP, as a browser without JavaScript uses it: add an action with its
 * deadlines, check the days without saving, see every field kept and the bad one marked when one
 * phrase cannot be read (nothing stored), and the live preview htmx asks for as you type.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPlan } from "../../support/plans.ts";
import { Visitor } from "../../support/visitor.ts";
import { startConsole, type ConsoleServer } from "../../support/web-console.ts";

let c: ConsoleServer;
let v: Visitor;
const NEW = "/console/wp/CCWP/plans/7/actions/new";

beforeAll(async () => {
  c = await startConsole();
  const db = c.rt.store.db;
  const ccwp = await db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } });
  await db.member.create({ data: { workingPartyId: ccwp.id, platform: "slack", platformUserId: "U0SEC", displayName: "Sec", role: "secretariat" } });
  await createPlan(db, { number: 7, start: "2026-07-01", actions: [{ code: "7.1", due: "2026-12-31", text: "December 2026" }] });
  v = new Visitor(c.base);
  await v.signIn(await c.link("slack", "U0SEC"));
}, 120_000);
afterAll(async () => c?.close());

const actionsOfPlan7 = () => c.rt.store.db.action.findMany({ where: { plan: { number: 7 } }, include: { deadlines: { orderBy: { ord: "asc" } } }, orderBy: { ord: "asc" } });

describe("the action form", () => {
  it("shows the day a phrase means without saving when asked to check, and adds the action when saved", async () => {
    const form = { _csrf: await v.token(NEW), code: "7.2", title: "Joint customs operation", leadDelegation: "NL", "due.0": "Q3 2027", "what.0": "operation report", "due.1": "" };
    const checked = await v.post("/console/wp/CCWP/plans/7/actions", { ...form, check: "1" });
    expect(checked.status).toBe(200);
    expect(checked.text).toMatch(/<output id="parsed-0"[^>]*><span class="parsed ok">Due <strong>30 September 2027<\/strong>/);
    expect(checked.text).toContain('value="Joint customs operation"');
    expect(await actionsOfPlan7()).toHaveLength(1);

    const saved = await v.post("/console/wp/CCWP/plans/7/actions", { ...form, _csrf: await v.token(NEW) });
    expect([saved.status, saved.location]).toEqual([303, expect.stringMatching(/^\/console\/wp\/CCWP\/plans\/7#action-\d+$/)]);
    const plan = await v.request("/console/wp/CCWP/plans/7");
    expect(plan.text).toMatch(/Added action 7\.2/);
    expect(plan.text).toMatch(/“Q3 2027”<\/a> → <span class="day">30 September 2027/);
  });

  it("keeps every field as typed and marks the bad phrase when one cannot be read, storing nothing", async () => {
    const before = await actionsOfPlan7();
    const res = await v.post("/console/wp/CCWP/plans/7/actions", { _csrf: await v.token(NEW), code: "7.3", title: "Risk analysis", "due.0": "June 2027", "due.1": "sometime soonish" });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/Nothing was saved/);
    expect(res.text).toMatch(/<span class="error" id="e-due-1">[^<]*sometime soonish/);
    expect(res.text).toContain('value="June 2027"');
    expect(res.text).toContain('value="Risk analysis"');
    expect(await actionsOfPlan7()).toEqual(before);
  });

  it("edits an action's deadlines in one form: one changed, one removed, one added", async () => {
    const a = (await actionsOfPlan7()).find((x) => x.code === "7.2")!;
    const edit = `/console/wp/CCWP/plans/7/actions/${a.id}`;
    const page = await v.request(edit);
    expect(page.text).toContain(`name="id.0" value="${a.deadlines[0]!.id}"`);
    const res = await v.post(edit, { _csrf: await v.token(edit), title: a.title, "id.0": String(a.deadlines[0]!.id), "due.0": "Q4 2027", "what.0": "", "due.1": "by end 2026" });
    expect(res.status).toBe(303);
    expect((await actionsOfPlan7()).find((x) => x.code === "7.2")!.deadlines.map((d) => [d.text, d.dueDate])).toEqual([
      ["Q4 2027", "2027-12-31"],
      ["by end 2026", "2026-12-31"],
    ]);
    const removed = await v.post(edit, { _csrf: await v.token(edit), title: a.title, "id.0": String(a.deadlines[0]!.id), "due.0": "Q4 2027", "remove.0": "1" });
    expect(removed.status).toBe(303);
    expect((await actionsOfPlan7()).find((x) => x.code === "7.2")!.deadlines.map((d) => d.text)).toEqual(["by end 2026"]);
  });

  it("previews the day of a row as you type (the request htmx sends)", async () => {
    const res = await v.request("/console/wp/CCWP/phrase?due.3=by%20the%20end%20of%20the%20Irish%20Presidency&start=2026-07-01&end=2027-06-30");
    expect(res.text).toMatch(/class="parsed ok">Due <strong>31 December 2026<\/strong>/);
    const bad = await v.request("/console/wp/CCWP/phrase?due=whenever&start=2026-07-01&end=2027-06-30");
    expect(bad.text).toMatch(/class="parsed error"/);
  });

  it("re-shows a deadline added from the plan page with its error when the phrase cannot be read", async () => {
    const a = (await actionsOfPlan7()).find((x) => x.code === "7.1")!;
    const res = await v.post(`/console/wp/CCWP/plans/7/actions/${a.id}/deadlines`, { _csrf: await v.token("/console/wp/CCWP/plans/7"), due: "next blue moon", what: "draft" });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/Add a deadline of plan 7, action 7\.1/);
    expect(res.text).toContain('value="next blue moon"');
    expect((await actionsOfPlan7()).find((x) => x.code === "7.1")!.deadlines).toHaveLength(1);
  });
});
