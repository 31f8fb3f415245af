/**
 * Bad input at the console: forged and reused links, an expired session, a form without its
 * CSRF token or from another working party, a plan file with one bad phrase, a 50 MB upload.
 * Each gets a clear page and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IDLE_MINUTES } from "../../../src/admin/console-sign-in.ts";
import { createPlan } from "../../support/plans.ts";
import { Visitor } from "../../support/visitor.ts";
import { startConsole, type ConsoleServer } from "../../support/web-console.ts";

let c: ConsoleServer;

beforeAll(async () => {
  c = await startConsole();
  const db = c.rt.store.db;
  const ccwp = await db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } });
  const lewp = await db.workingParty.create({ data: { code: "LEWP", name: "Law Enforcement Working Party" } });
  await db.member.createMany({
    data: [
      { workingPartyId: ccwp.id, platform: "slack", platformUserId: "U0SEC", displayName: "Sec", role: "secretariat" },
      { workingPartyId: lewp.id, platform: "slack", platformUserId: "U0SEC", displayName: "Sec", role: "secretariat" },
      { workingPartyId: ccwp.id, platform: "teams", platformUserId: "29:only-ccwp", displayName: "Only CCWP", role: "secretariat" },
    ],
  });
  await createPlan(db, { number: 5, wp: "LEWP", start: "2026-01-01", actions: [{ code: "5.1", due: "2026-12-31", text: "December 2026" }] });
}, 120_000);
afterAll(async () => c?.close());

describe("console refusals", () => {
  it("refuses a forged link and a reused one, opening no session", async () => {
    const v = new Visitor(c.base);
    const forged = `${c.base}/console/sign-in/${"x".repeat(43)}`;
    const refused = await v.post(forged, { _csrf: await v.token(forged) });
    expect([refused.status, refused.text]).toEqual([400, expect.stringContaining("not a sign-in link the bot issued")]);
    const link = await c.link("slack", "U0SEC");
    await v.signIn(link);
    const again = new Visitor(c.base);
    const reused = await again.post(link, { _csrf: await again.token(link) });
    expect([reused.status, reused.text]).toEqual([400, expect.stringContaining("already used or has expired")]);
    expect(await c.rt.store.db.consoleSession.count({ where: { platformUserId: "U0SEC" } })).toBe(1);
  });

  it("shows the sign-in page once a session has been left idle", async () => {
    const v = new Visitor(c.base);
    await v.signIn(await c.link("slack", "U0SEC"));
    expect((await v.request("/console/wp/LEWP/")).status).toBe(200);
    const start = c.clock.now;
    c.clock.now = new Date(start.getTime() + (IDLE_MINUTES + 1) * 60_000);
    try {
      const after = await v.request("/console/wp/LEWP/");
      expect([after.status, after.text]).toEqual([401, expect.stringContaining("Your session has ended")]);
    } finally {
      c.clock.now = start;
    }
  });

  it("refuses a form without its token and a form from another working party, changing nothing", async () => {
    const db = c.rt.store.db;
    const deadline = await db.deadline.findFirstOrThrow({ where: { plan: { number: 5 } } });
    const v = new Visitor(c.base);
    await v.signIn(await c.link("slack", "U0SEC"));
    const noToken = await v.post(`/console/wp/LEWP/plans/5/deadlines/${deadline.id}`, { due: "June 2027" });
    expect([noToken.status, noToken.text]).toEqual([403, expect.stringContaining("This form has expired")]);
    // The same LEWP deadline posted through CCWP's page.
    const token = await v.token("/console/wp/CCWP/plans");
    const crossed = await v.post(`/console/wp/CCWP/plans/5/deadlines/${deadline.id}`, { _csrf: token, due: "June 2027" });
    expect([crossed.status, crossed.text]).toEqual([404, expect.stringContaining("not in a plan of CCWP; nothing was changed")]);
    // Someone who is not a member of LEWP at all.
    const outsider = new Visitor(c.base);
    await outsider.signIn(await c.link("teams", "29:only-ccwp"));
    const notMine = await outsider.post(`/console/wp/LEWP/plans/5/deadlines/${deadline.id}`, { _csrf: await outsider.token("/console/wp/CCWP/plans"), due: "June 2027" });
    expect([notMine.status, notMine.text]).toEqual([403, expect.stringContaining("You are not a member of LEWP")]);
    // A token from one session does not work in another.
    const stolen = await outsider.post("/console/working-parties", { _csrf: token, code: "XX", name: "Stolen token" });
    expect(stolen.status).toBe(403);
    expect(await db.deadline.findUniqueOrThrow({ where: { id: deadline.id } })).toMatchObject({ text: "December 2026", dueDate: "2026-12-31" });
    expect(await db.auditEntry.count({ where: { action: "deadline.edit" } })).toBe(0);
  });

  it("imports nothing from a plan file with one bad phrase, and names its line and field", async () => {
    const v = new Visitor(c.base);
    await v.signIn(await c.link("slack", "U0SEC"));
    const token = await v.token("/console/wp/LEWP/import");
    const text = ["workingParty: LEWP", "number: 6", "title: Plan six", "start: 2026-07-01", "actions:", '  - code: "6.1"', "    title: First", "    deadlines:", '      - { due: "June 2027" }', '  - code: "6.2"', "    title: Second", "    deadlines:", '      - { due: "when pigs fly" }', ""].join("\n");
    const preview = await v.post(`/console/wp/LEWP/import/preview?_csrf=${encodeURIComponent(token)}`, { text });
    expect(preview.status).toBe(400);
    expect(preview.text).toContain("cannot be imported; nothing was imported");
    expect(preview.text).toContain("line 13, actions[1].deadlines[0].due");
    expect(preview.text).not.toContain("Import plan 6");
    // The text stays in the paste field, to be mended there and previewed again.
    expect(preview.text).toContain('<textarea id="f-text" name="text" rows="8">workingParty: LEWP\nnumber: 6\n');
    const forced = await v.post("/console/wp/LEWP/import/confirm", { _csrf: token, text, fileName: "plan.yaml" });
    expect(forced.status).toBe(400);
    expect(await c.rt.store.db.actionPlan.count({ where: { number: 6 } })).toBe(0);
  });

  it("previews a CSV sent back from the paste field as CSV, by the file name that travels with it", async () => {
    const v = new Visitor(c.base);
    await v.signIn(await c.link("slack", "U0SEC"));
    const token = await v.token("/console/wp/LEWP/import");
    const csv = "workingParty,number,title,start,code,actionTitle,leadDelegation,participants,objectives,due,what\nLEWP,7,Plan seven,2026-07-01,7.1,Joint patrols,NL,,,December 2026,first report\n";
    const preview = await v.post(`/console/wp/LEWP/import/preview?_csrf=${encodeURIComponent(token)}`, { text: csv, fileName: "lewp.csv" });
    expect(preview.status).toBe(200);
    expect(preview.text).toContain("Import plan 7");
    expect(preview.text).toContain('<input type="hidden" name="fileName" value="lewp.csv">');
    expect(await c.rt.store.db.actionPlan.count({ where: { number: 7 } })).toBe(0);
  });

  it("previews the importer's warnings by line and field and still lets the file be imported (issue 14 item 5)", async () => {
    const v = new Visitor(c.base);
    await v.signIn(await c.link("slack", "U0SEC"));
    const token = await v.token("/console/wp/LEWP/import");
    const text = ["workingParty: LEWP", "number: 7", "title: Plan seven", "start: 2027-01-01", "strategy: 2012-strategy", "actions:", '  - code: "7.1"', "    title: First", '    objectives: ["IV 9.z"]', "    deadlines:", '      - { due: "June 2026" }', ""].join("\n");
    const preview = await v.post(`/console/wp/LEWP/import/preview?_csrf=${encodeURIComponent(token)}`, { text });
    expect(preview.status).toBe(200);
    expect(preview.text).toContain("they look like mistakes");
    expect(preview.text).toContain("line 9, actions[0].objectives[0]: objective &quot;IV 9.z&quot; is not a label of 2012-strategy");
    expect(preview.text).toContain("line 11, actions[0].deadlines[0].due: &quot;June 2026&quot; falls due on 30 June 2026, before the plan starts (1 January 2027)");
    expect(preview.text).toContain("Import plan 7");
    const done = await v.post("/console/wp/LEWP/import/confirm", { _csrf: token, text, fileName: "plan.yaml" });
    expect(done.status).toBe(303);
    expect(await c.rt.store.db.actionPlan.count({ where: { number: 7 } })).toBe(1);
  });

  it("refuses a 50 MB upload with a clear page, stores nothing, and keeps serving", async () => {
    const v = new Visitor(c.base);
    await v.signIn(await c.link("slack", "U0SEC"));
    const token = await v.token("/console/wp/LEWP/documents");
    const before = await c.rt.store.db.strategyDocument.count();
    const form = new FormData();
    form.set("owner", "mine");
    form.set("file", new Blob([Buffer.alloc(50 * 1024 * 1024, 0x41)], { type: "text/plain" }), "huge.txt");
    const res = await v.request(`/console/wp/LEWP/documents?_csrf=${encodeURIComponent(token)}`, { method: "POST", body: form });
    expect(res.status).toBe(413);
    expect(res.text).toMatch(/too large.*Nothing was changed/s);
    expect(await c.rt.store.db.strategyDocument.count()).toBe(before);
    expect((await v.request("/console/wp/LEWP/")).status).toBe(200);
  }, 120_000);
});
