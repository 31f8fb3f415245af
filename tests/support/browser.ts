/**
 * A real browser for tests: Debian's Chromium driven by playwright-core (no browser download),
 * headless with a fresh profile, plus axe-core for accessibility checks. `.ci/run` installs the
 * `chromium` package when it is missing; CHROMIUM_PATH points elsewhere if needed.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import { chromium, type Browser, type Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** The flags the project launches Chromium with (no sandbox: CI runs as root in a container). */
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does this), or set CHROMIUM_PATH`);
  // playwright makes a fresh temporary user-data-dir for each launch and removes it on close.
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
}

/**
 * Runs axe-core on the page (WCAG 2.1 A and AA rules) and returns the serious and critical
 * violations. axe is evaluated through the DevTools protocol, so the page's CSP (script-src
 * 'self') stays on and is tested too.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const result = (await page.evaluate(
    // @ts-expect-error axe is defined by the evaluated source
    () => axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } }),
  )) as { violations: { id: string; impact: string | null; help: string; nodes: unknown[] }[] };
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
}

/** Whether the page is usable at its width: nothing but scrolling tables sticks out to the side. */
export async function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

/**
 * Links, buttons and fields a person cannot reach without scrolling a table sideways: those whose
 * box ends past the window's right edge (hidden ones, inside a closed <details>, have no box).
 */
export async function controlsOffScreen(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll("main a, main button, main input, main select, main textarea")]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && (r.right > window.innerWidth + 1 || r.left < -1);
      })
      .map((el) => `${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") ?? el.textContent ?? (el as HTMLInputElement).name ?? "").trim().slice(0, 40)}"`),
  );
}
