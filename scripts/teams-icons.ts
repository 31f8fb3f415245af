/**
 * Draws the Teams app icons from SVG, reproducibly: `color.png` 192×192 (full colour) and
 * `outline.png` 32×32 (white on transparent, as Teams requires). Shapes only, no text, so the
 * output does not depend on installed fonts. Run: `npx tsx scripts/teams-icons.ts`.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Resvg } from "@resvg/resvg-js";

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../manifest/teams");

/** A document with a folded corner, three lines of text and a tick: the secretariat's paperwork, done. */
export const colorSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="192" height="192" viewBox="0 0 192 192">
  <rect width="192" height="192" rx="28" fill="#1F4E8C"/>
  <path d="M52 30 H118 L146 58 V162 H52 Z" fill="#FFFFFF"/>
  <path d="M118 30 V58 H146 Z" fill="#C9D6EA"/>
  <rect x="66" y="76" width="64" height="8" rx="4" fill="#1F4E8C"/>
  <rect x="66" y="94" width="64" height="8" rx="4" fill="#1F4E8C"/>
  <rect x="66" y="112" width="40" height="8" rx="4" fill="#1F4E8C"/>
  <circle cx="138" cy="146" r="26" fill="#FFCC00"/>
  <path d="M125 146 L134 155 L152 136" fill="none" stroke="#1F4E8C" stroke-width="8" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;

/** The same document in white outline on a transparent background. */
export const outlineSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">
  <path d="M7 3.5 H19.5 L25 9 V28.5 H7 Z" fill="none" stroke="#FFFFFF" stroke-width="2" stroke-linejoin="round"/>
  <path d="M19 4 V9.5 H24.5" fill="none" stroke="#FFFFFF" stroke-width="1.5"/>
  <rect x="10" y="13" width="11" height="2" fill="#FFFFFF"/>
  <rect x="10" y="17.5" width="11" height="2" fill="#FFFFFF"/>
  <rect x="10" y="22" width="7" height="2" fill="#FFFFFF"/>
</svg>`;

/** Renders both icons into manifest/teams. */
export function writeTeamsIcons(target = dir): void {
  fs.writeFileSync(path.join(target, "color.png"), new Resvg(colorSvg).render().asPng());
  fs.writeFileSync(path.join(target, "outline.png"), new Resvg(outlineSvg).render().asPng());
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) writeTeamsIcons();
