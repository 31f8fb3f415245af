/**
 * The bot in Microsoft's own client: `secretariat start` in Teams local mode, the Agents
 * Playground against it, and its web page driven in headless Chromium as a user would, with every
 * connection to another machine refused (the bot, the Playground server and the browser alike).
 * Each step leaves a screenshot in out/playground/ (git-ignored); two of them are in docs/.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "../../../src/store/index.ts";
import { launchOfflineBrowser, startLocalBot, startPlayground, type Child } from "../../support/agents-playground.ts";
import { root, runCli } from "../../support/cli.ts";
import { tempDir } from "../../support/databases.ts";

const shots = path.join(root, "out/playground");
const WAIT = 90_000;
/** How the help card ends (the install greeting includes it too). */
const HELP_END = "for examples, e.g. help deadlines";

let dir: string;
let databaseUrl: string;
let blockedLog: string;
let bot: Child & { url: string };
let playground: Child & { url: string };
let browser: Browser;
let page: Page;
let store: Store;
const blockedInBrowser: string[] = [];

const cli = async (args: string[]) => {
  const r = await runCli(args, { env: { DATABASE_URL: databaseUrl } });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as unknown;
};

beforeAll(async () => {
  dir = tempDir();
  databaseUrl = `file:${path.join(dir, "playground.db")}`;
  blockedLog = path.join(dir, "blocked.log");
  fs.rmSync(shots, { recursive: true, force: true });
  fs.mkdirSync(shots, { recursive: true });
  bot = await startLocalBot({ DATABASE_URL: databaseUrl }, blockedLog);
  playground = await startPlayground(bot.url, dir, blockedLog);
  browser = await launchOfflineBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1" || url.hostname === "localhost") return route.continue();
    blockedInBrowser.push(url.href);
    return route.abort("blockedbyclient");
  });
  page = await context.newPage();
  store = await openStore(databaseUrl);
}, 240_000);

afterAll(async () => {
  const nodeAttempts = fs.existsSync(blockedLog) ? fs.readFileSync(blockedLog, "utf8") : "";
  fs.writeFileSync(path.join(shots, "blocked-connections.txt"), `node processes:\n${nodeAttempts || "(none)\n"}browser:\n${[...new Set(blockedInBrowser)].join("\n") || "(none)"}\n`);
  await store?.close();
  await browser?.close();
  await playground?.stop();
  await bot?.stop();
}, 60_000);

/** The message box of the conversation on screen (in a channel: the new-post box). */
const composer = (): Locator => page.locator('[data-lexical-editor="true"][role="textbox"]').last();

async function type(text: string): Promise<void> {
  await composer().click();
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
}

/** Runs `act` and waits until one more element matches `locator` than before; returns the new one. */
async function afterward(locator: Locator, act: () => Promise<void>): Promise<Locator> {
  const before = await locator.count();
  await act();
  const added = locator.nth(before);
  await added.waitFor({ timeout: WAIT });
  return added;
}

async function shot(name: string, focus: Locator): Promise<void> {
  await focus.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
}

const personalChat = () => page.getByRole("treeitem", { name: /^Personal Chat/ });

describe("the bot in the Agents Playground", () => {
  it("greets on install with what it understands", async () => {
    await page.goto(playground.url);
    await personalChat().click();
    const hello = page.getByText("Hello! I am the secretariat bot of your working party.").first();
    await hello.waitFor({ timeout: WAIT });
    await expect.poll(() => page.getByText(HELP_END, { exact: false }).count(), { timeout: WAIT }).toBeGreaterThan(0);
    await shot("01-install-greeting", hello);
  });

  it("answers help with the command list", async () => {
    const list = await afterward(page.getByText(HELP_END, { exact: false }), () => type("help"));
    await expect.poll(() => page.getByText("done CODE").count()).toBeGreaterThan(1);
    await shot("02-help", list);
  });

  it("answers a strategy question with a card that shows the passage's document and label", async () => {
    const question = "what does 3.a(ii) of the 2012 strategy say?";
    const expected = ((await cli(["ask", "--json", question])) as { sources: { document: string; label: string }[] }).sources[0]!;
    const source = await afterward(page.getByText(`— ${expected.document}, ${expected.label}`, { exact: false }), () => type(question));
    await shot("03-strategy-answer", source);
  });

  it("answers deadlines with the same overdue count as the command line", async () => {
    const rows = (await cli(["deadlines", "--json"])) as { status: string }[];
    const overdue = rows.filter((r) => r.status === "overdue").length;
    const line = await afterward(page.getByText(`${overdue} deadline(s) are overdue`, { exact: false }), () => type("deadlines"));
    await shot("04-deadlines", line);
  });

  it("changes state when a card's button is pressed: an action marked done", async () => {
    await store.db.member.updateMany({ where: { platform: "teams" }, data: { role: "secretariat" } });
    const [first] = (await cli(["deadlines", "--json"])) as { action: string; status: string }[];
    const code = first!.action;
    const button = await afterward(page.getByRole("button", { name: `Mark ${code} done` }), () => type(`action ${code}`));
    const done = await afterward(page.getByText(`Action ${code} (plan 1) is marked done`, { exact: false }), () => button.click());
    const after = (await cli(["deadlines", "--json"])) as { action: string; status: string }[];
    expect(after.filter((r) => r.action === code).map((r) => r.status)).toEqual(after.filter((r) => r.action === code).map(() => "done"));
    await shot("05-button-marks-done", done);
  });

  it("binds a team channel for the secretariat when mentioned there", async () => {
    await page.getByRole("treeitem", { name: /General/ }).click();
    const box = page.getByRole("group").filter({ hasText: "Start a new post" }).getByRole("textbox");
    await box.waitFor({ timeout: WAIT });
    const confirmed = await afterward(page.getByText("This channel now receives CCWP's secretariat messages.", { exact: false }), async () => {
      await box.click();
      await page.keyboard.type("@Test");
      await page.getByRole("menuitem", { name: "Test Bot" }).click();
      await page.keyboard.type(" bind this channel for the secretariat");
      await page.getByRole("button", { name: "Post" }).click();
    });
    const binding = await store.db.channelBinding.findFirstOrThrow({ where: { platform: "teams", purpose: "secretariat" } });
    expect(binding.name).not.toBe(binding.channelId);
    await shot("06-channel-bound", confirmed);
  });

  it("refuses a form with the field's message, in the same card, then accepts it", async () => {
    await personalChat().click();
    await composer().waitFor({ timeout: WAIT });
    const field = await afterward(page.getByLabel("Your question"), () => type("ask the secretariat"));
    // Typed, not filled: the card's inputs take their value from key events.
    await field.click();
    await page.keyboard.type("hi");
    const refusal = await afterward(page.getByText("at least 3 characters", { exact: false }), () => page.getByRole("button", { name: "Send", exact: true }).last().click());
    await shot("07-form-refused", refusal);
    await page.getByLabel("Your question").last().click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type("When is the next CCWP meeting?");
    const accepted = await afterward(page.getByText("I have passed your question to the secretariat", { exact: false }), () => page.getByRole("button", { name: "Send", exact: true }).last().click());
    await shot("08-form-accepted", accepted);
    const forward = await store.db.delivery.findFirstOrThrow({ where: { kind: "forward", platform: "teams" } });
    expect(forward.status).toBe("sent");
  });

  it("posts the forwarded question in the secretariat's channel", async () => {
    await page.getByRole("treeitem", { name: /General/ }).click();
    const posted = page.getByText("When is the next CCWP meeting?", { exact: false }).first();
    await posted.waitFor({ timeout: WAIT });
    await shot("09-forward-in-channel", posted);
  });

  it("reached no other machine: the bot did not even try", async () => {
    const attempts = fs.existsSync(blockedLog) ? fs.readFileSync(blockedLog, "utf8").split("\n").filter(Boolean) : [];
    expect(attempts.filter((l) => l.startsWith(`${bot.pid} `))).toEqual([]);
  });
});
