/**
 * Removing a plan from the web console's plan page (issue 14, item 12), over plain HTTP: the form
 * is the secretariat's, needs its CSRF token and a ticked confirmation, and runs the chat command
 * `remove plan N confirm` (same refusals, same audit entry).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPlan } from "../../support/plans.ts";
import { Visitor } from "../../support/visitor.ts";
import { startConsole, type ConsoleServer } from "../../support/web-console.ts";

let c: ConsoleServer;
const PAGE = "/console/wp/CCWP/plans/7";
const REMOVE = `${PAGE}/remove`;

beforeAll(async () => {
  c = await startConsole();
  const db = c.rt.store.db;
  const ccwp = await db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } });
  await db.member.create({ data: { workingPartyId: ccwp.id, platform: "slack", platformUserId: "U0SEC", displayName: "Sec", role: "secretariat" } });
  await db.member.create({ data: { workingPartyId: ccwp.id, platform: "slack", platformUserId: "U0CHAIR", displayName: "Chair", role: "chair" } });
  await createPlan(db, { number: 7, start: "2026-07-01", actions: [{ code: "7.1", due: "2026-12-31" }] });
}, 120_000);
afterAll(async () => c?.close());

const plan7 = () => c.rt.store.db.actionPlan.findFirst({ where: { number: 7 } });
const visitor = async (user: string) => {
  const v = new Visitor(c.base);
  await v.signIn(await c.link("slack", user));
  return v;
};

describe("removing a plan in the web console", () => {
  it("offers the chair no remove form and refuses the chair's post, removing nothing", async () => {
    const chair = await visitor("U0CHAIR");
    expect((await chair.request(PAGE)).text).not.toMatch(/Remove this plan/);
    const res = await chair.post(REMOVE, { _csrf: await chair.token(PAGE), confirm: "confirm" });
    expect([res.status, res.location]).toEqual([303, PAGE]);
    expect((await chair.request(PAGE)).text).toMatch(/Only the secretariat can remove a plan/);
    expect(await plan7()).not.toBeNull();
  });

  it("removes nothing without the CSRF token or the ticked box, then removes the plan when confirmed, audited", async () => {
    const sec = await visitor("U0SEC");
    expect((await sec.request(PAGE)).text).toMatch(/Remove this plan[\s\S]*name="confirm" value="confirm" required/);
    expect((await sec.post(REMOVE, { confirm: "confirm" })).status).toBe(403);
    const unticked = await sec.post(REMOVE, { _csrf: await sec.token(PAGE) });
    expect([unticked.status, unticked.location]).toEqual([303, `${PAGE}#remove`]);
    expect((await sec.request(PAGE)).text).toMatch(/Nothing was removed: tick/);
    expect(await plan7()).not.toBeNull();

    const done = await sec.post(REMOVE, { _csrf: await sec.token(PAGE), confirm: "confirm" });
    expect([done.status, done.location]).toEqual([303, "/console/wp/CCWP/plans"]);
    expect((await sec.request("/console/wp/CCWP/plans")).text).toMatch(/Removed CCWP plan 7 \(Action plan 7\)/);
    expect(await plan7()).toBeNull();
    expect(await c.rt.store.db.auditEntry.findFirst({ where: { action: "plan.remove" } })).toMatchObject({ actor: "slack:U0SEC", subject: "CCWP plan 7" });
    expect((await sec.request(PAGE)).status).toBe(404);
  });
});
