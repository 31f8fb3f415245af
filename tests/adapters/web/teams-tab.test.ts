/**
 * The console as a Teams personal tab, in a real browser: Teams frames the tab's contentUrl from
 * its own https origin. Chromium is shown pages "from" teams.microsoft.com and other hosts, and the
 * tab's https address is answered by the console itself (each request goes to the real server and
 * its response, headers included, is handed to the browser), so Chromium's own frame-ancestors and
 * X-Frame-Options checks decide what may be framed. (Its accessibility is checked in console-flow.)
 */
import type { Browser, Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEAMS_TAB_HOSTS } from "../../../adapters/web/pages/sign-in.ts";
import { launchBrowser } from "../../support/browser.ts";
import { startConsole, type ConsoleServer } from "../../support/web-console.ts";

const PUBLIC = "https://bot.example.eu";

let c: ConsoleServer;
let browser: Browser;

beforeAll(async () => {
  c = await startConsole();
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await c?.close();
});

/** A page at `host` that frames `path` of the console, as Teams frames a tab's contentUrl. */
async function framedBy(host: string, path: string): Promise<{ page: Page; frame: Frame; shown: boolean }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.route(`${PUBLIC}/**`, async (route) => {
    const response = await route.fetch({ url: route.request().url().replace(PUBLIC, c.base) });
    await route.fulfill({ response });
  });
  await page.route(`${host}/**`, (route) => route.fulfill({ contentType: "text/html", body: `<!doctype html><title>host</title><iframe title="tab" src="${PUBLIC}${path}" width="900" height="600"></iframe>` }));
  await page.goto(`${host}/app`);
  const frame = await (await page.waitForSelector("iframe")).contentFrame();
  if (!frame) throw new Error("no frame");
  await frame.waitForLoadState("load");
  // A refused frame shows Chromium's error page instead of the console's.
  const shown = frame.url().startsWith(PUBLIC) && (await frame.locator("h1", { hasText: "Secretariat console" }).count()) === 1;
  return { page, frame, shown };
}

describe("the Teams personal tab", () => {
  it.each(["https://teams.microsoft.com", "https://foo.teams.microsoft.com", "https://teams.cloud.microsoft", "https://outlook.office.com", "https://www.microsoft365.com"])(
    "is shown inside %s, and opens the console in the browser",
    async (host) => {
      const { page, frame, shown } = await framedBy(host, "/console/teams-tab");
      expect(shown).toBe(true);
      const open = frame.getByRole("link", { name: "Open the console in the browser" });
      expect(await open.getAttribute("target")).toBe("_blank");
      expect(await frame.getByText(/send the bot\s+console/).count()).toBe(1);
      await page.close();
    },
    60_000,
  );

  it.each([
    ["another site frames the tab", "https://evil.example", "/console/teams-tab"],
    ["a look-alike host frames the tab", "https://teams.microsoft.com.evil.example", "/console/teams-tab"],
    ["Teams frames any other console page", "https://teams.microsoft.com", "/console/"],
    ["Teams frames a sign-in link's page", "https://teams.microsoft.com", "/console/sign-in/not-a-token"],
  ])("is refused when %s", async (_name, host, path) => {
    const { page, shown } = await framedBy(host, path);
    expect(shown).toBe(false);
    await page.close();
  }, 60_000);

  it("says so in its headers: only the tab page may be framed, by the hosts listed", async () => {
    const tab = await fetch(`${c.base}/console/teams-tab`);
    expect(tab.headers.get("x-frame-options")).toBeNull();
    expect(tab.headers.get("content-security-policy")).toBe(`default-src 'self'; frame-ancestors 'self' ${TEAMS_TAB_HOSTS.join(" ")}`);
    for (const path of ["/console/", "/console/working-parties", "/console/nowhere"]) {
      const other = await fetch(`${c.base}${path}`, { redirect: "manual" });
      expect(other.headers.get("x-frame-options"), path).toBe("SAMEORIGIN");
      expect(other.headers.get("content-security-policy"), path).toMatch(/frame-ancestors 'none'/);
    }
  });
});
