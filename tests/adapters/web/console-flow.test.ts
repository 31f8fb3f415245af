/**
 * The secretariat's whole way through the console in a real browser: sign in through a link,
 * create a working party, import a plan, edit a deadline and see the new day, start a collection,
 * a lead reports from chat, the row turns green, compile and download the .docx. axe-core checks
 * every page on the way, at 1280 px and at 390 px.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyToPlainText } from "../../../src/core/reply.ts";
import { controlsOffScreen, launchBrowser, overflowsSideways, seriousViolations } from "../../support/browser.ts";
import { tempDir } from "../../support/databases.ts";
import { consoleText } from "../../support/runtime.ts";
import { startConsole, type ConsoleServer } from "../../support/web-console.ts";

const SHOTS = process.env.CONSOLE_SCREENSHOTS;

const PLAN = `workingParty: LEWP
number: 1
title: Action plan 2026-2027
start: 2026-07-01
actions:
  - code: "1.1"
    title: Joint training with other law enforcement authorities
    terms: { goals: "Shared curriculum", outcome: "Two joint courses" }
    lead: { delegation: FR, user: fr-lead }
    deadlines:
      - { due: "June 2027", what: final report }
  - code: "1.2"
    title: Risk analysis of e-commerce parcels
    lead: { delegation: DE }
    deadlines:
      - { due: "by end 2026", what: interim findings }
`;

let c: ConsoleServer;
let browser: Browser;
const pagesSeen: string[] = [];

beforeAll(async () => {
  c = await startConsole();
  browser = await launchBrowser();
  const wp = await c.rt.store.db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } });
  await c.rt.store.db.member.create({ data: { workingPartyId: wp.id, platform: "slack", platformUserId: "U0SOFIA", displayName: "Sofia Costa", role: "secretariat", delegation: "GSC" } });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await c?.close();
});

/** Checks the page as a person would meet it: no serious accessibility fault, nothing cut off at either width. */
async function check(page: Page, name: string): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    // At both widths: at 390 px the wide tables are laid out as blocks, which must keep their meaning.
    expect(await seriousViolations(page), `axe on ${name} at ${width} px`).toEqual([]);
    expect(await overflowsSideways(page), `${name} at ${width} px`).toBe(false);
    expect(await controlsOffScreen(page), `controls off to the side on ${name} at ${width} px`).toEqual([]);
    if (SHOTS) {
      fs.mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  pagesSeen.push(name);
}

describe("the web console in a browser", () => {
  it("runs a second working party from sign-in to the compiled report", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("pageerror", (e) => {
      throw e;
    });

    await page.goto(`${c.base}/console/`);
    await check(page, "signed-out");

    // Sign in through a single-use link.
    await page.goto(await c.link("slack", "U0SOFIA"));
    await check(page, "sign-in");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.url()).toBe(`${c.base}/console/wp/CCWP/`);
    await check(page, "overview");

    // Create a working party.
    await page.getByRole("link", { name: "All" }).click();
    await check(page, "working-parties");
    await page.getByLabel("Code").fill("LEWP");
    await page.getByLabel("Name").fill("Law Enforcement Working Party");
    await page.getByRole("button", { name: "Create working party" }).click();
    await expect.poll(() => page.url()).toBe(`${c.base}/console/wp/LEWP/`);
    expect(await page.getByRole("status").textContent()).toMatch(/Created LEWP/);

    // Its settings, as its secretariat: a bad value is refused, a good one saved.
    await page.getByText("Settings of LEWP").click();
    await page.getByLabel("Plan length (months)").fill("2");
    await page.getByRole("button", { name: "Save settings" }).click();
    expect(await page.getByRole("status").textContent()).toMatch(/adoption lead must be shorter than the plan\. Nothing was changed/);
    await page.getByText("Settings of LEWP").click();
    await page.getByLabel("Time zone").fill("Europe/Lisbon");
    await page.getByRole("button", { name: "Save settings" }).click();
    expect(await page.getByRole("status").textContent()).toMatch(/Saved LEWP: Europe\/Lisbon, 18-month plans/);

    // The lead who will report from chat is a member of LEWP.
    const lewp = await c.rt.store.db.workingParty.findUniqueOrThrow({ where: { code: "LEWP" } });
    await c.rt.store.db.member.create({ data: { workingPartyId: lewp.id, platform: "console", platformUserId: "fr-lead", displayName: "fr-lead", role: "delegate", delegation: "FR" } });

    // Import a plan: preview first, then import.
    await page.goto(`${c.base}/console/wp/LEWP/import`);
    await check(page, "import");
    const file = path.join(tempDir(), "lewp-plan.yaml");
    fs.writeFileSync(file, PLAN);
    await page.getByLabel(/Plan file/).setInputFiles(file);
    await page.getByRole("button", { name: "Preview" }).click();
    await expect.poll(() => page.getByRole("button", { name: "Import plan 1" }).isVisible()).toBe(true);
    await check(page, "import-preview");
    await page.getByRole("button", { name: "Import plan 1" }).click();
    await expect.poll(() => page.url()).toBe(`${c.base}/console/wp/LEWP/plans/1`);
    await check(page, "plan");
    expect(await page.locator("#main").textContent()).toMatch(/“June 2027” → 30 June 2027/);
    // The lead reads as everywhere else (leadLabel), not in a form of the page's own.
    expect(await page.locator('tr:has(th:text-is("1.1")) td[data-label="Lead"]').textContent()).toBe("FR (fr-lead)");

    // Edit a deadline: the parsed day shows as you type, and the saved plan shows the new day.
    await page.getByRole("link", { name: "Edit deadline June 2027 of action 1.1" }).click();
    await check(page, "deadline-edit");
    await page.getByLabel("Due, in the plan's words").fill("Q3 2027");
    await expect.poll(() => page.locator("#parsed-day").textContent()).toMatch(/30 September 2027/);
    await page.getByRole("button", { name: "Save deadline" }).click();
    await expect.poll(() => page.url()).toMatch(/\/console\/wp\/LEWP\/plans\/1#deadline-/);
    expect(await page.locator("#main").textContent()).toMatch(/“Q3 2027” → 30 September 2027/);

    // Add an action with a deadline: its day shows as you type; a bad phrase keeps the form as typed.
    await page.getByRole("link", { name: "Add an action" }).click();
    await check(page, "action-form");
    await page.getByLabel("Code").fill("1.3");
    await page.getByLabel("Title").fill("Exchange of liaison officers");
    await page.getByLabel("Due (new)").first().fill("Q1 2027");
    await expect.poll(() => page.locator("#parsed-0").textContent()).toMatch(/31 March 2027/);
    await page.getByLabel("Due (new)").nth(1).fill("when pigs fly");
    await expect.poll(() => page.locator("#parsed-1").textContent()).toMatch(/when pigs fly/);
    await page.getByRole("button", { name: "Add action" }).click();
    expect(await page.getByRole("alert").textContent()).toMatch(/Nothing was saved/);
    await check(page, "action-form-error");
    await page.getByLabel("Due (new)").nth(1).fill("");
    await page.getByRole("button", { name: "Add action" }).click();
    await expect.poll(() => page.url()).toMatch(/\/console\/wp\/LEWP\/plans\/1#action-/);
    expect(await page.locator('tr:has(th:text-is("1.3"))').textContent()).toMatch(/“Q1 2027” → 31 March 2027/);

    // Start a collection from the page.
    await page.goto(`${c.base}/console/wp/LEWP/collections`);
    await check(page, "collections");
    await page.getByLabel("Reports due on").fill("2026-12-15");
    await page.getByRole("button", { name: "Start and ask the leads" }).click();
    await expect.poll(() => page.url()).toMatch(/\/console\/wp\/LEWP\/collections\/\d+$/);
    const row = page.locator('tr[data-action="1.1"]');
    expect(await row.getAttribute("class")).toBe("missing");

    // Chase one lead from the row: only that action's lead is reminded.
    await page.getByRole("button", { name: "Chase the lead of 1.2" }).click();
    expect(await page.getByRole("status").textContent()).toMatch(/\b1\.2\b/);

    // The lead, signed in on their own, sees the action they lead with its report form.
    const lead = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const leadPage = await lead.newPage();
    await leadPage.goto(await c.link("console", "fr-lead"));
    await leadPage.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => leadPage.url()).toBe(`${c.base}/console/wp/LEWP/`);
    await leadPage.getByRole("link", { name: "My actions" }).click();
    expect(await leadPage.getByRole("heading", { name: /^Action 1\.1:/ }).count()).toBe(1);
    await check(leadPage, "mine-delegate");
    await lead.close();

    // The lead reports from chat; the row turns green.
    const said = await c.rt.bot.handle({ ...consoleText("report 1.1 on track: two joint courses planned next: first course in March", "fr-lead", {}, c.clock.now), workingParty: "LEWP" });
    expect(replyToPlainText(said.replies[0]!)).toMatch(/Thank you/);
    await page.reload();
    expect(await row.getAttribute("class")).toBe("reported on_track");
    expect(await row.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(227, 243, 230)");
    await check(page, "collection");

    // Compile and download the .docx.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: /Compile and download/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^LEWP-plan-1-progress-report-2026-11-23\.docx$/);
    const saved = path.join(tempDir(), download.suggestedFilename());
    await download.saveAs(saved);
    expect(fs.readFileSync(saved).subarray(0, 2).toString()).toBe("PK");

    // Every other page passes the same checks.
    for (const [name, url] of [
      ["plans", "/console/wp/LEWP/plans"],
      ["documents", "/console/wp/CCWP/documents"],
      ["reminders", "/console/wp/LEWP/reminders"],
      ["members", "/console/wp/LEWP/members"],
      ["channels", "/console/wp/LEWP/channels"],
      ["audit", "/console/wp/LEWP/audit"],
      ["timeline", "/console/wp/LEWP/timeline"],
      ["mine", "/console/wp/LEWP/mine"],
      ["action-edit", ""],
      ["teams-tab", "/console/teams-tab"],
      ["not-found", "/console/wp/LEWP/nowhere"],
      ["not-yours", "/console/wp/NOPE/"],
    ] as const) {
      if (name === "action-edit") {
        await page.goto(`${c.base}/console/wp/LEWP/plans/1`);
        await page.getByRole("link", { name: "Risk analysis of e-commerce parcels" }).click();
      } else await page.goto(`${c.base}${url}`);
      await check(page, name);
    }
    const docs = await c.rt.store.db.strategyDocument.findFirstOrThrow({ orderBy: { id: "asc" } });
    await page.goto(`${c.base}/console/wp/CCWP/documents/${docs.slug}`);
    await check(page, "document");

    // Every change is in the audit log under the member who made it.
    const entries = await c.rt.store.db.auditEntry.findMany({ where: { workingPartyId: lewp.id }, orderBy: { id: "asc" } });
    expect(entries.filter((e) => e.actor === "slack:U0SOFIA").map((e) => e.action)).toEqual(expect.arrayContaining(["wp.create", "plan.import", "deadline.edit", "action.add", "collection.start", "collection.compile"]));
    await page.close();
  }, 300_000);
});
