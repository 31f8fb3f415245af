/**
 * Turns a messy plain-text or Markdown export into paragraphs ("blocks"): HTML table markup, stray
 * emphasis, footnotes, separators and repeated page furniture removed; lines wrapped by the export
 * joined again. Structure (numbering, headings) is left to the labeller.
 */

import { parseMarker } from "./markers.ts";

/** One paragraph of the cleaned document. */
export interface Block {
  text: string;
  /** set as a Markdown heading (#) or wholly in bold: a heading whatever its wording */
  emphasised: boolean;
  /** 0-based index of the source line it starts on */
  line: number;
  /** 0-based index of the source line it ends on: the next block starts at end + 1 when no blank line parts them */
  end: number;
}

const SUPERSCRIPT = /[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g;
const FOOTNOTE_START = /^\s*(?:-\s*)?(?:<sup>\s*\(?\d{1,3}\)?\s*<\/sup>|[¹²³⁴⁵⁶⁷⁸⁹][⁰¹²³⁴⁵⁶⁷⁸⁹]*\s)/;
/** A footnote written as "1 OJ C 5..." or "(1) OJ No C..." just after a separator line. */
const FOOTNOTE_AFTER_SEPARATOR = /^\s*\(?(\d{1,3})\)?\s+\S/;
const CONNECTIVE = /(?:^|\s)(?:of|the|and|or|to|for|in|on|a|an|by|with|between|from|its|their|as|at|that|which|under|into|within|this|these|such|other|no|is|are|be|should|shall|will|has|have)$/i;

/**
 * Splits `source` into cleaned paragraphs. `exactParagraphs`: the reader knew where paragraphs
 * end (HTML, Word, a PDF's line spacing) and put a blank line there, so a blank line always ends
 * one; a text export's blank lines are guessed at instead.
 */
export function cleanText(source: string, exactParagraphs = false): Block[] {
  const lines = source
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .replace(/\u00A0/g, " ")
    .split("\n");
  mendNumbering(lines);

  const kept: { text: string; emphasised: boolean; line: number; breakBefore: boolean }[] = [];
  const footnoteNumbers = new Set<string>();
  let footnoteMode: "none" | "sup" | "page" = "none";
  let afterSeparator = false;
  let pendingBreak = false;

  for (let i = 0; i < lines.length; i++) {
    const rawLine = lines[i]!;
    // A line of spaces only (wide) is the rule a PDF export puts above a page's footnotes.
    if (/^\s{10,}$/.test(rawLine)) {
      footnoteMode = "page";
      continue;
    }
    if (footnoteMode === "page") {
      // Footnotes run until the page's text resumes on a line indented by one space.
      if (/^ \S/.test(rawLine)) footnoteMode = "none";
      else {
        const n = /^\s*(\d{1,3})\s+\S/.exec(rawLine)?.[1];
        if (n) footnoteNumbers.add(n);
        continue;
      }
    }
    const trimmed = rawLine.trim();
    if (trimmed === "") {
      pendingBreak = true;
      continue;
    }
    if (/^(?:-{3,}|_{3,}|\*{3,}|={3,})$/.test(trimmed)) {
      afterSeparator = true;
      pendingBreak = true;
      footnoteMode = "none";
      continue;
    }
    // Markdown footnote definitions: "[^1]: See ..."
    if (/^\[\^[^\]]{1,10}\]:/.test(trimmed)) {
      footnoteMode = "sup";
      continue;
    }
    if (FOOTNOTE_START.test(trimmed)) {
      const n = /(\d{1,3})/.exec(trimmed)?.[1];
      if (n) footnoteNumbers.add(n);
      footnoteMode = "sup";
      continue;
    }
    if (footnoteMode === "sup") {
      // continuation lines of a footnote: dashes, empty bullets
      if (/^[-–—](?:\s|$)/.test(trimmed) && !/^[-–]\s*(?:\(?[0-9a-zA-Z]{1,4}[.)]\s)/.test(trimmed)) continue;
      footnoteMode = "none";
    }
    if (afterSeparator && FOOTNOTE_AFTER_SEPARATOR.test(trimmed) && /^\s*\(?\d{1,3}\)?\s+(?:OJ|O\.J\.|COM|SEC|SWD|Regulation|Directive|Decision|Council|See|Ibid|https?:)/.test(trimmed)) {
      footnoteNumbers.add(FOOTNOTE_AFTER_SEPARATOR.exec(trimmed)![1]!);
      continue;
    }
    afterSeparator = false;

    let text = stripMarkup(rawLine);
    const emphasised = /^\s*#{1,6}\s/.test(rawLine) || /^\s*\*\*[^*].*\*\*\s*$/.test(rawLine.trim()) || /^\s*<b>.*<\/b>\s*(?:\t.*)?$/.test(rawLine.trim());
    text = text.replace(/^#{1,6}\s+/, "");
    // Table rows: the first cell is the text, a further cell is usually a deadline.
    const cells = text.split("\t").map((c) => c.trim()).filter((c) => c.length > 0);
    // EUR-Lex's layout of points: the number alone in the first cell, the text in the second
    if (cells.length > 1 && LONE_MARKER.test(cells[0]!)) cells.splice(0, 2, `${cells[0]} ${cells[1]}`);
    if (cells.length > 1) {
      const extra = cells.slice(1).filter((c) => !/^deadlines?$/i.test(c));
      text = cells[0]! + (extra.length ? ` (Deadline: ${extra.join("; ").replace(/\.$/, "")})` : "");
    } else text = cells[0] ?? "";
    text = text.replace(/\s+/g, " ").trim();
    if (text === "" || /^[-–•*]$/.test(text)) {
      pendingBreak = true;
      continue;
    }
    kept.push({ text, emphasised, line: i, breakBefore: pendingBreak || /^ \S/.test(rawLine) });
    pendingBreak = false;
  }

  dropFurniture(kept);
  // PDF exports double-space wrapped lines, so a blank line ends a paragraph only in documents
  // where text rarely resumes in lower case after one.
  const afterBreak = kept.filter((k) => k.breakBefore);
  const wrapped = !exactParagraphs && afterBreak.filter((k) => /^[a-z]/.test(k.text) && !/^[a-z]{1,4}[.)]\s/.test(k.text)).length > 0.2 * afterBreak.length;
  const blocks: Block[] = [];
  for (const k of kept) {
    const text = removeFootnoteRefs(k.text, footnoteNumbers);
    const prev = blocks.at(-1);
    const joinable = wrapped || !k.breakBefore || (!exactParagraphs && /^[a-z]/.test(text) && !/[.;:!?]$/.test(prev?.text ?? "."));
    if (prev && joinable && !prev.emphasised && !k.emphasised && continues(prev.text, text)) {
      prev.text = prev.text.endsWith("-") && /^[a-z]/.test(text) && !/\s-$/.test(prev.text) ? `${prev.text}${text}` : `${prev.text} ${text}`;
      prev.end = k.line;
      continue;
    }
    blocks.push({ text, emphasised: k.emphasised, line: k.line, end: k.line });
  }
  return blocks;
}

/** A line holding only a point's number or letter: "1.", "(a)", "ii)", "IV.", "2.1". */
const LONE_MARKER = /^(?:\(?[0-9]{1,3}(?:\.[0-9]{1,3})*[.)]?|\([a-zA-Z]{1,4}\)|[a-z]{1,4}\)|[a-zA-Z][.)]|[IVXLC]{1,6}\.)$/;

/**
 * Numbering as exports leave it, mended in place: a number alone on its line (EUR-Lex puts "1."
 * above the point's text) joins the next text line; "1.Member" and "(b)the", where the export
 * lost the space, get it back.
 */
function mendNumbering(lines: string[]): void {
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (LONE_MARKER.test(t)) {
      let j = i + 1;
      while (j < lines.length && lines[j]!.trim() === "" && j - i <= 2) j++;
      const next = lines[j]?.trim() ?? "";
      if (next && !LONE_MARKER.test(next) && !/^(?:\(?[0-9]{1,3}[.)]|\([a-z]{1,4}\))\s/.test(next)) {
        lines[i] = `${lines[i]!.match(/^\s*/)![0]}${t} ${next}`;
        for (let k = i + 1; k <= j; k++) lines[k] = "";
        // the joined point keeps the blank line after it
        continue;
      }
    }
    lines[i] = lines[i]!.replace(/^(\s*(?:[-•–]\s+)?)([0-9]{1,3}(?:\.[0-9]{1,3})*\.)(?=[A-Z][a-z])/, "$1$2 ").replace(/^(\s*(?:[-•–]\s+)?)(\((?:[0-9]{1,3}|[a-z]{1,4})\))(?=[A-Za-z])/, "$1$2 ");
  }
}

function stripMarkup(line: string): string {
  return line
    .replace(/<sup>[^<]{0,12}<\/sup>/gi, "")
    .replace(/\[\^[^\]]{1,10}\]/g, "")
    .replace(SUPERSCRIPT, "")
    .replace(/<\/?(?:ul|ol)[^>]*>/gi, " ")
    .replace(/<li[^>]*>/gi, " ")
    .replace(/<br\s*\/?>/gi, " ")
    .replace(/<\/?[a-z][a-z0-9]*(?:\s[^>]*)?>/gi, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/\*\*|__/g, "")
    .replace(/(^|\s)\*(\S[^*]*\S)\*(?=\s|$)/g, "$1$2");
}

/** Short lines repeated on many pages (running headers, "EN", page numbers) are not text. */
function dropFurniture(kept: { text: string }[]): void {
  // a running header differs only by its page number: "12345/26 JV/ab 3"
  const key = (t: string) => t.replace(/\d+\s*$/, "#");
  const counts = new Map<string, number>();
  for (const k of kept) if (k.text.length < 60) counts.set(key(k.text), (counts.get(key(k.text)) ?? 0) + 1);
  for (let i = kept.length - 1; i >= 0; i--) {
    const t = kept[i]!.text;
    // headings that recur on purpose ("For the CCWP:") end with a colon; furniture does not
    // and a section heading ("Article 20" on its own line) differs by its number like a page does
    const repeated = (counts.get(key(t)) ?? 0) >= 3 && !/:$/.test(t) && !/^[-–(]?\s*[0-9a-zA-Z]{1,4}[.)]\s/.test(t) && !/^\d+(?:\.\d+)+\s/.test(t) && parseMarker(t)?.kind !== "named";
    const pageNumber = /^(?:-\s*)?\d{1,3}(?:\s*-)?$|^page \d+(?: of \d+)?$/i.test(t);
    if (repeated || pageNumber || t === "EN") kept.splice(i, 1);
  }
}

function removeFootnoteRefs(text: string, numbers: Set<string>): string {
  let out = text;
  for (const n of numbers) out = out.replace(new RegExp(`(?<=[A-Za-z)])${n}(?=[\\s.,;:)]|$)`, "g"), "");
  return out;
}

/**
 * Whether `next` continues the paragraph `prev` (a line wrapped by the export) rather than
 * starting a new one. Numbered lines always start a new paragraph.
 */
function continues(prev: string, next: string): boolean {
  if (/^(?:[-•*–]\s+)?(?:\(?[0-9]{1,3}(?:\.[0-9]{1,3})*[.)]|\([a-z]{1,4}\)|[a-zA-Z]{1,4}[.)])\s/.test(next)) return false;
  if (/[.;:!?]["')]?$/.test(prev)) return false;
  if (/^[a-z(]/.test(next)) return true;
  if (/[-,]$/.test(prev) || CONNECTIVE.test(prev)) return true;
  // A long line cut without punctuation goes on; a short one is a heading.
  return prev.length >= 80 && !/^[A-Z][A-Z\s–-]{3,}:?$/.test(next);
}
