/**
 * A PDF (as the Council register serves them) as text lines, with Mozilla's PDF.js: the text
 * items of each page grouped into lines by their baseline, lines into paragraphs by the space
 * between them. Left out: running headers and footers (lines near a page's top or bottom edge
 * that recur on other pages once digits are ignored), page numbers, footnotes (lines at the foot
 * of the page in a smaller type than the body) and footnote markers (small raised digits).
 */
import { InputError } from "../../core/errors.ts";

interface Item {
  str: string;
  x: number;
  y: number;
  size: number;
  width: number;
}

interface Line {
  text: string;
  x: number;
  y: number;
  size: number;
  page: number;
  /** the line's place on its page: 0 at the bottom edge, 1 at the top */
  height: number;
}

/** Share of the page height at the top and at the bottom where running headers and footers sit. */
const EDGE = 0.1;

/** The text of a PDF; InputError when it cannot be read or has no text layer. */
export async function pdfText(bytes: Uint8Array, name: string): Promise<string> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  let doc;
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true, verbosity: 0 });
  try {
    doc = await task.promise;
  } catch (e) {
    throw new InputError(`${name} is not a PDF that can be read (${(e as Error).message}): save it again as PDF, or export it as text.`);
  }
  const lines: Line[] = [];
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const [, , , top] = page.view as number[];
      const content = await page.getTextContent();
      const items: Item[] = [];
      for (const it of content.items) {
        if (!("str" in it) || it.str === "") continue;
        const [a, b, , d, e, f] = it.transform as number[];
        items.push({ str: it.str, x: e!, y: f!, size: Math.hypot(a!, b!) || Math.abs(d!), width: it.width });
      }
      lines.push(...pageLines(items, p, top || 842));
      page.cleanup();
    }
  } finally {
    await task.destroy();
  }
  if (lines.length === 0) throw new InputError(`${name} has no text layer (a scan?): export it from the original document, or run it through text recognition first.`);
  return paragraphs(dropFurniture(lines));
}

/** Items on one baseline form a line; small raised digits on it are footnote markers. */
function pageLines(items: Item[], page: number, top: number): Line[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: Item[][] = [];
  for (const it of sorted) {
    const row = rows.at(-1);
    const base = row ? Math.max(it.size, ...row.map((r) => r.size)) : 0;
    // a raised marker sits a little above the baseline; the next line sits a full line below
    if (row && Math.abs(row.at(-1)!.y - it.y) < base * 0.6) row.push(it);
    else rows.push([it]);
  }
  return rows.map((row) => {
    const size = Math.max(...row.map((r) => r.size));
    const baseY = row.find((r) => r.size === size)!.y;
    let text = "";
    let end = -Infinity;
    for (const it of row.sort((a, b) => a.x - b.x)) {
      // PDF.js fills gaps with blank items; the gap itself says whether it is a space or a column
      if (it.str.trim() === "") continue;
      // a footnote marker: a number in smaller type raised above the line's baseline
      if (it.size < size * 0.8 && it.y > baseY + 0.5 && /^\s*\(?\d{1,3}\)?\s*$/.test(it.str)) continue;
      const gap = it.x - end;
      text += text && gap > size * 0.15 && !/\s$/.test(text) && !/^\s/.test(it.str) ? (gap > size * 2 ? "\n" : " ") + it.str : it.str;
      end = it.x + it.width;
    }
    // text far apart on one baseline is two columns (the register's cover block): two lines
    return text.split("\n").map((t) => ({ text: t.replace(/[ ]+/g, " ").trim(), x: Math.min(...row.map((r) => r.x)), y: baseY, size, page, height: baseY / top }));
  }).flat().filter((l) => l.text);
}

/** Running headers and footers, page numbers and footnotes out. */
function dropFurniture(lines: Line[]): Line[] {
  const pages = new Set(lines.map((l) => l.page)).size;
  const key = (l: Line) => l.text.replace(/\d+/g, "#").toLowerCase();
  const atEdge = (l: Line) => l.height > 1 - EDGE || l.height < EDGE;
  const seen = new Map<string, Set<number>>();
  for (const l of lines) if (atEdge(l)) (seen.get(key(l)) ?? seen.set(key(l), new Set()).get(key(l))!).add(l.page);
  // the body's type size: the size most of the text is set in
  const bySize = new Map<number, number>();
  for (const l of lines) bySize.set(Math.round(l.size), (bySize.get(Math.round(l.size)) ?? 0) + l.text.length);
  const body = [...bySize].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 12;
  const out: Line[] = [];
  let inFootnotes = false;
  let page = 0;
  for (const l of lines) {
    if (l.page !== page) {
      page = l.page;
      inFootnotes = false;
    }
    if (atEdge(l) && pages > 1 && (seen.get(key(l))?.size ?? 0) >= Math.min(2, pages)) continue;
    if (atEdge(l) && /^(?:-\s*)?\d{1,3}(?:\s*-)?$|^page \d+(?: of \d+)?$/i.test(l.text)) continue;
    // footnotes: in the lower part of the page, in smaller type, starting with their number
    // (or below one, or in the bottom quarter of the page)
    if (l.height < 0.45 && l.size < body * 0.9 && (inFootnotes || l.height < 0.25 || /^\(?\d{1,3}\)?\s/.test(l.text))) {
      inFootnotes = true;
      continue;
    }
    out.push(l);
  }
  return out;
}

/** Lines into paragraphs: a wider gap than the usual line spacing, a new page or a new indent starts one. */
function paragraphs(lines: Line[]): string {
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++) if (lines[i]!.page === lines[i - 1]!.page) gaps.push(lines[i - 1]!.y - lines[i]!.y);
  const sorted = gaps.filter((g) => g > 0).sort((a, b) => a - b);
  const usual = sorted[Math.floor(sorted.length * 0.3)] ?? 14;
  const out: string[] = [];
  lines.forEach((l, i) => {
    const prev = lines[i - 1];
    const gap = prev && prev.page === l.page ? prev.y - l.y : Infinity;
    if (out.length > 0 && (gap > usual * 1.35 || gap < 0)) out.push("");
    out.push(l.text);
  });
  return out.join("\n");
}
