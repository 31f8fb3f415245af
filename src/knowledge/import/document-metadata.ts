/**
 * Title, Council reference, date and kind, read from a document where it states them: the
 * "Subject:" line, the reference block under the cover ("15198/09 ENFOCUSTOM 118 ENFOPOL 272"),
 * "Brussels, 4 November 2009" or the meeting that agreed the text.
 */
import type { Block } from "./clean-text.ts";

/** What the document says about itself; null where it says nothing. */
export interface DocumentMetadata {
  title: string | null;
  reference: string | null;
  dateText: string | null;
  year: number | null;
  kind: DocumentKind;
}

/** The kinds a document can be. */
export const DOCUMENT_KINDS = ["strategy", "resolution", "programme", "other"] as const;
/** What a document is, as delegates name it ("the 2009 resolution"). */
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

const MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December";
const DATE = new RegExp(`\\b(\\d{1,2}\\s+(?:${MONTHS})\\s+(?:19|20)\\d{2})\\b`);

/** Reads the metadata from the first part of the document. */
export function readMetadata(blocks: Block[]): DocumentMetadata {
  const head = blocks.slice(0, 60);
  const title = readTitle(head);
  const council = readReference(head);
  const oj = readOfficialJournal(head);
  const reference = [council, oj ? `OJ ${oj.reference}` : null].filter(Boolean).join("; ") || null;
  const dateText = readDate(head, title) ?? readSigned([...head, ...blocks.slice(Math.max(head.length, blocks.length - 15))]);
  // without a date of its own, the year the Official Journal published it ("2019/C 24/05")
  const year = dateText ? Number(/(19|20)\d{2}/.exec(dateText)?.[0]) : (oj?.year ?? null);
  return { title, reference, dateText, year, kind: kindOf(title ?? "") };
}

/** An Official Journal reference: "2012/C 5/01", "96/C 375/01", "2021/C 102 I/01" (the C I series). */
const OJ_REF = /((\d{2}|\d{4})\/C\s?\d{1,4}(?:\s?I{1,3})?\/\d{2})/;

/** The Official Journal reference, in brackets under the title as the OJ sets it, and its year. */
function readOfficialJournal(head: Block[]): { reference: string; year: number } | null {
  for (const b of head.slice(0, 30)) {
    const m = new RegExp(`\\(${OJ_REF.source}\\)`).exec(b.text);
    if (m) {
      const y = Number(m[2]);
      return { reference: m[1]!.replace(/\s+/g, " "), year: y < 100 ? (y > 50 ? 1900 + y : 2000 + y) : y };
    }
  }
  return null;
}

/**
 * programme before resolution before strategy: "Resolution adopting a ... programme" is a
 * programme; conclusions on a strategy are conclusions, not the strategy ("the 2015 strategy" is
 * not "Council Conclusions on the Renewed ... Strategy").
 */
export function kindOf(title: string): DocumentKind {
  if (/\bprogramme\b|\bprogram\b|\baction plan\b/i.test(title)) return "programme";
  if (/\bconclusions\b/i.test(title) && !/\bresolution\b/i.test(title)) return "other";
  if (/\bresolution\b/i.test(title)) return "resolution";
  if (/\bstrateg(?:y|ies)\b/i.test(title)) return "strategy";
  return "other";
}

function readTitle(head: Block[]): string | null {
  for (let i = 0; i < head.length; i++) {
    const m = /^subject\s*:\s*(.*)$/i.exec(head[i]!.text);
    if (m) {
      const t = subjectBlock(head, i, m[1]!.trim());
      if (t) return tidy(cutAtJournal(t));
    }
  }
  // No cover note: the first line naming a strategy, resolution or programme that reads as a title.
  for (let i = 0; i < head.length; i++) {
    const t = head[i]!.text.trim();
    if (t.length >= 12 && t.length <= 200 && !/[.;:,]$/.test(t) && /\b(?:strateg(?:y|ies)|resolution|programme|action plan|conclusions)\b/i.test(t) && /^[A-Z]/.test(t) && !/^\(?\d+[.)]/.test(t)) {
      // EUR-Lex sets the title block on lines of its own: "COUNCIL RESOLUTION" / "of 13 December 2011" / "on the future of ..."
      let title = cutAtJournal(t);
      for (let j = i + 1; j < head.length && j <= i + 3; j++) {
        const next = head[j]!.text.trim();
        if (!/^(?:of|on|concerning|for|establishing|laying down|adopting)\s/.test(next) || next.length > 200) break;
        title = `${title} ${next}`;
      }
      return tidy(title);
    }
  }
  return null;
}

/**
 * The subject and the lines set under it with no blank line between: the register sets a long
 * subject on several lines, and "Subject:" alone in its column with the subject on the next ones.
 * "- Draft Resolution" under it is the subject's continuation.
 */
function subjectBlock(head: Block[], at: number, inline: string): string {
  let t = inline;
  for (let j = at + 1, end = head[at]!.end; j < head.length && j <= at + 4; j++) {
    const next = head[j]!;
    if (next.line !== end + 1 && t) break;
    const text = next.text.trim();
    if (/^[-–]\s+\S/.test(text) && text.split(/\s+/).length <= 6) t = `${t} – ${text.replace(/^[-–]\s+/, "")}`;
    // a further field of the cover ("No. prev. doc.:"), a numbered point or a paragraph of text is not the subject
    else if (/:$/.test(text) || /^\(?\d{1,3}[.)]\s/.test(text) || text.length > 200 || `${t} ${text}`.length > 300) break;
    else t = t ? `${t} ${text}` : text;
    end = next.end;
  }
  return t;
}

/** A title line an export ran on into the Official Journal reference or line stops before it ("EU Drugs Strategy 2021-2025 2021/C 102 I/01 INTRODUCTION …"). */
const cutAtJournal = (t: string) => t.replace(/\s+(?:Official Journal|OJ)\s+(?:of the European|[A-Z]\s?\d).*$/, "").replace(new RegExp(`(?<=\\S)\\s+\\(?${OJ_REF.source}\\)?(?:\\s.*)?$`), "");

function readReference(head: Block[]): string | null {
  for (let i = 0; i < Math.min(head.length, 25); i++) {
    const t = head[i]!.text.replace(/\s+/g, " ").trim();
    if (/^no\.?\s*prev/i.test(t)) break;
    const m = /^(\d{3,5}\/(?:\d{1,2}\/)?\d{2})(\s+REV\s+\d+)?\b(.*)$/.exec(t);
    if (!m) continue;
    const parts = [m[1]! + (m[2] ?? "")];
    const codes: string[] = [];
    const collect = (s: string) => {
      for (const c of s.matchAll(/\b([A-Z]{2,12}\s+\d{1,4})\b/g)) codes.push(c[1]!.replace(/\s+/, " "));
    };
    collect(m[3] ?? "");
    for (let j = i + 1; j < Math.min(head.length, i + 24); j++) {
      const n = head[j]!.text.trim();
      if (/^REV\s+\d+$/.test(n) && parts.length === 1 && !m[2]) {
        parts[0] = `${parts[0]} ${n}`;
        continue;
      }
      if (/^(?:LIMITE|RESTREINT|PUBLIC|NOTE)$/i.test(n)) continue;
      if (!/^(?:[A-Z]{2,12}\s+\d{1,4}\s*-?\s*)+$/.test(n)) break;
      collect(n);
    }
    return [...parts, ...codes].join(" ");
  }
  return null;
}

function readDate(head: Block[], title: string | null): string | null {
  for (const b of head.slice(0, 20)) {
    const m = /(?:^|\s)(?:brussels|luxembourg|strasbourg)\s*,\s*(.+)$/i.exec(b.text.trim());
    const d = m ? DATE.exec(m[1]!) : null;
    if (d) return d[1]!.replace(/\s+/g, " ");
  }
  // "Council Resolution of 13 December 2011 on ...": the date of adoption in the title
  const inTitle = title ? new RegExp(`\\bof\\s+(${DATE.source.slice(3, -3)})`).exec(title) : null;
  if (inTitle) return inTitle[1]!.replace(/\s+/g, " ");
  for (const b of head.slice(0, 12)) {
    const m = new RegExp(`^(?:[A-Z ]{6,}\\s+)?of\\s+(${DATE.source.slice(3, -3)})`).exec(b.text.trim());
    if (m) return m[1]!.replace(/\s+/g, " ");
  }
  // The meeting that agreed or drew up the text ("at its meeting on 14 November 2012").
  for (const b of head) {
    const m = new RegExp(`meeting\\s+(?:on|of)\\s+(${DATE.source.slice(3, -3)})`).exec(b.text);
    if (m) return m[1]!.replace(/\s+/g, " ");
  }
  for (const b of head.slice(0, 20)) {
    const on = /^on\s*:\s*(.+)$/i.exec(b.text.trim());
    const d = on ? DATE.exec(on[1]!) : null;
    if (d) return d[1]!;
  }
  return null;
}

/**
 * A convention's or agreement's date: "signed at Brussels on 18 December 1997" under its title,
 * "Done at Luxembourg, 26 July 1995" above the signatures at its end.
 */
function readSigned(blocks: Block[]): string | null {
  for (const b of blocks) {
    const m = new RegExp(`\\b(?:done|signed)\\s+at\\s+[A-Z][a-z]+(?:\\s*,\\s*|\\s+on\\s+(?:the\\s+)?)(${DATE.source.slice(3, -3)})`, "i").exec(b.text);
    if (m) return m[1]!.replace(/\s+/g, " ");
  }
  return null;
}

const tidy = (s: string) => s.replace(/\s+/g, " ").replace(/\s+([,.;:])/g, "$1").trim();
