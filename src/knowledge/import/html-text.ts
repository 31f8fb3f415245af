/**
 * HTML (a page saved from EUR-Lex, or what mammoth makes of a Word file) as text lines: one
 * paragraph per block element, blank lines between them. EUR-Lex sets numbered points as table
 * rows with the number alone in the first cell: such a row becomes one line "1. text". Footnote
 * references (`<sup>`, `<span class="super">`, links to a note) and the notes themselves
 * (`class="note"`, mammoth's footnote list) are left out: they are not the document's text.
 */
import { parse, type HTMLElement, type Node } from "node-html-parser";

const BLOCK = new Set(["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "section", "article", "header", "footer", "dd", "dt", "caption"]);
const SKIP = new Set(["script", "style", "head", "noscript", "template", "svg", "button", "nav"]);
/** A table cell holding only a point's number or letter: "1.", "(a)", "ii)", "—". */
const MARKER_CELL = /^(?:\(?[0-9]{1,3}(?:\.[0-9]{1,3})*[.)]?|\([a-zA-Z]{1,4}\)|[a-zA-Z]{1,4}[.)]|[-–—•])$/;

/** The text of an HTML document, paragraphs separated by blank lines. */
export function htmlText(html: string): string {
  const root = parse(html.replace(/<!doctype[^>]*>/gi, "").replace(/<\?xml[^>]*>/gi, ""), { comment: false, blockTextElements: { script: false, style: false, pre: true } });
  const out: string[] = [];
  walk(root, out, { depth: 0 });
  return out.map((l) => l.replace(/[ \t\u00a0]+/g, " ").trim()).filter(Boolean).join("\n\n");
}

interface State {
  /** nesting depth of ordered lists, for numbering Word's automatic lists */
  depth: number;
}

function walk(node: Node, out: string[], st: State): void {
  for (const child of node.childNodes) {
    if (child.nodeType !== 1) {
      const t = child.text;
      if (t.trim()) appendInline(out, t);
      continue;
    }
    const el = child as HTMLElement;
    const tag = el.tagName?.toLowerCase() ?? "";
    if (SKIP.has(tag) || isNote(el)) continue;
    if (isNoteReference(el)) continue;
    if (tag === "br") {
      out.push("");
      continue;
    }
    if (tag === "table") {
      for (const row of el.querySelectorAll("tr")) out.push(rowText(row), "");
      continue;
    }
    if (tag === "ol" || tag === "ul") {
      let n = 0;
      for (const li of el.childNodes.filter((c): c is HTMLElement => c.nodeType === 1 && (c as HTMLElement).tagName?.toLowerCase() === "li")) {
        n++;
        // Word's automatic numbers are not in the text mammoth gives: number the items as
        // the common Council layout does (1., then (a), then (i))
        const marker = tag === "ol" ? olMarker(st.depth, n) : "";
        out.push("");
        if (marker) appendInline(out, `${marker} `);
        walk(li, out, { depth: st.depth + (tag === "ol" ? 1 : 0) });
        out.push("");
      }
      continue;
    }
    if (BLOCK.has(tag)) {
      out.push("");
      const heading = /^h\d$/.test(tag) || (el.childNodes.length === 1 && ["strong", "b"].includes((el.childNodes[0] as HTMLElement).tagName?.toLowerCase() ?? ""));
      if (heading) appendInline(out, "## ");
      walk(el, out, st);
      out.push("");
      continue;
    }
    walk(el, out, st);
  }
}

function appendInline(out: string[], t: string): void {
  if (out.length === 0) out.push("");
  out[out.length - 1] += t.replace(/\s+/g, " ");
}

/** A table row: "1." + text when the first cell is a lone marker, else the cells side by side. */
function rowText(row: HTMLElement): string {
  const cells = row.querySelectorAll("td, th").map((c) => cellText(c));
  const filled = cells.filter(Boolean);
  if (filled.length >= 2 && MARKER_CELL.test(filled[0]!)) return `${filled[0]} ${filled.slice(1).join(" ")}`;
  return filled.join("  ");
}

function cellText(cell: HTMLElement): string {
  const out: string[] = [];
  walk(cell, out, { depth: 0 });
  return out.join(" ").replace(/\s+/g, " ").trim();
}

function isNote(el: HTMLElement): boolean {
  const cls = (el.getAttribute("class") ?? "").toLowerCase();
  const id = (el.getAttribute("id") ?? "").toLowerCase();
  // EUR-Lex: <p class="note">, <hr class="note">; mammoth: <li id="footnote-1">
  return /\bnote\b|footnote/.test(cls) || /^footnote-\d+$/.test(id) || (el.tagName?.toLowerCase() === "ol" && el.childNodes.some((c) => /^footnote-\d+$/.test((c as HTMLElement).getAttribute?.("id") ?? "")));
}

function isNoteReference(el: HTMLElement): boolean {
  const tag = el.tagName?.toLowerCase();
  const cls = (el.getAttribute("class") ?? "").toLowerCase();
  const href = el.getAttribute("href") ?? "";
  if (tag === "sup" || /\bsuper\b|note-tag/.test(cls)) return true;
  // EUR-Lex wraps " (1)" in a link to the note; mammoth links "[1]" to #footnote-1
  return tag === "a" && /^#(?:ntc|footnote|fn|_ftn)/i.test(href) && el.text.trim().length <= 8;
}

function olMarker(depth: number, n: number): string {
  if (depth === 0) return `${n}.`;
  if (depth === 1) return `(${String.fromCharCode(96 + Math.min(n, 26))})`;
  return `(${roman(n)})`;
}

function roman(n: number): string {
  const table: [number, string][] = [[10, "x"], [9, "ix"], [5, "v"], [4, "iv"], [1, "i"]];
  let out = "";
  for (const [v, s] of table) while (n >= v) ((out += s), (n -= v));
  return out;
}
