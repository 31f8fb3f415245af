/**
 * What a question names besides its words: labels ("3.a(ii)", "action 22", "objective 2.c",
 * "RECOGNISING 5") and documents ("the 2012 strategy", "the 1997 timetable").
 */
import { romanValue } from "../import/markers.ts";
import type { DocumentKind } from "../import/document-metadata.ts";

/** The counters of a label, lower case: "IV 3.a.(ii)" → ["iv","3","a","ii"]. */
export function labelMarkers(label: string): string[] {
  return labelTokens(label).filter(isMarkerToken);
}

/** The words of a label: "HEREBY RESOLVES 2.c" → ["hereby","resolves"]. */
export function labelWords(label: string): string[] {
  return labelTokens(label).filter((t) => !isMarkerToken(t));
}

// "3a(ii)" is 3, a, ii: digits and letters written together are separate counters
const labelTokens = (label: string) =>
  label
    .toLowerCase()
    .replace(/(\d)([a-z])/g, "$1 $2")
    .replace(/([a-z])(\d)/g, "$1 $2")
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
const isMarkerToken = (t: string) => /^\d{1,3}$/.test(t) || /^[a-z]$/.test(t) || !Number.isNaN(romanValue(t));

/** A label the question names, as counters, with the words said around it. */
export interface LabelRef {
  markers: string[];
  /** the words right before it ("timetable", "recognising", "objective") */
  context: string[];
  /** its last counter was typed in parentheses ("(5)", "(ii)"), as some documents write it */
  parenthesised?: boolean;
  /** named after a word such as "objective" or "point", so it must be a label */
  keyworded: boolean;
  /** as typed: "9.z", "3.a(ii)" */
  typed: string;
}

const LABEL_WORD = "(?:point|points|action|actions|item|items|objective|objectives|paragraph|paragraphs|para|article|section|recital|number|no\\.?|part|chapter|indent|subparagraph|measure|aim|task|heading|label|timetable|recognising|recognizing|recalling|invites|resolves|satisfaction|annex)";
const STRUCTURED = /(?<![\w./])((?:[ivxlc]{1,4}[ .]\s?)?\d{1,3}(?:\s?(?:\.\s?|\s)?(?:\([a-z]{1,4}\)|[a-z]\)|[a-z](?![a-z])|(?:i{1,3}|iv|vi{0,3}|ix|x)(?![a-z])|\d{1,3}\)?))*)(?![\w/])/gi;
const KEYWORDED = new RegExp(`\\b${LABEL_WORD}\\s+((?:[ivxlc]{1,4}|\\d{1,3})(?:\\s?(?:\\.\\s?)?(?:\\([a-z0-9]{1,4}\\)|[a-z0-9]{1,3}\\)|[a-z](?![a-z])|\\d{1,3}))*)(?![\\w/])`, "gi");

const PARENTHESISED = /(?<![\w)])(\((?:\d{1,2}|[a-h]|[ivx]{1,4})\))(?![\w(.])/gi;

/** Labels named in `question`. Bare numbers count only after a word such as "action" or "point". */
export function labelRefs(question: string): LabelRef[] {
  const refs: LabelRef[] = [];
  const seen = new Set<string>();
  const add = (raw: string, index: number, keyworded: boolean) => {
    const markers = labelMarkers(raw);
    if (markers.length === 0) return;
    const key = markers.join(".");
    if (seen.has(key)) return;
    seen.add(key);
    const before = question.slice(Math.max(0, index - 40), index).toLowerCase().split(/[^a-z]+/).filter(Boolean).slice(-3);
    // "objective (3)": a label word right before it makes it a label too
    const named = keyworded || new RegExp(`^${LABEL_WORD}$`).test(before.at(-1) ?? "");
    refs.push({ markers, context: before, keyworded: named, typed: raw.trim().replace(/[.,;:]$/, ""), ...(/\(\s*[a-z0-9]{1,4}\s*\)\s*$/i.test(raw) ? { parenthesised: true } : {}) });
  };
  for (const m of question.matchAll(KEYWORDED)) add(m[1]!, m.index! + m[0].length - m[1]!.length, true);
  // a counter in parentheses on its own names a label: "objective (5)", "what does (ii) say"
  for (const m of question.matchAll(PARENTHESISED)) add(m[1]!, m.index!, false);
  for (const m of question.matchAll(STRUCTURED)) {
    const raw = m[1]!;
    // "3.a", "2.c", "3.1", "(ii)", "d)": a structured label has punctuation between counters
    if (!/[.()]/.test(raw.replace(/\.$/, "")) || /^\d{1,3}\.?$/.test(raw)) continue;
    if (/^\d+\.\d+$/.test(raw) && Number(raw) > 40) continue; // a decimal quantity, not 3.1
    add(raw, m.index!, false);
  }
  // "3.a (iii)" names one label, not also "(iii)" alone
  const suffixOfAnother = (r: LabelRef) => refs.some((o) => o !== r && o.markers.length > r.markers.length && o.markers.slice(-r.markers.length).join(".") === r.markers.join("."));
  return refs.filter((r) => r.markers.length > 1 || !suffixOfAnother(r));
}

/** A document as the question may name it. */
export interface DocRefTarget {
  slug: string;
  year: number | null;
  kind: DocumentKind;
  /** a title that names another kind ("resolution … on a strategy for customs cooperation") lets the document be named by it too */
  title?: string;
}

/** Whether a document can be named by a kind word: its own kind, or the word in its title ("the 2003 strategy" is the 2003 resolution on a strategy). */
const namedAs = (d: DocRefTarget, kind: DocumentKind, re: RegExp) => d.kind === kind || re.test(d.title ?? "");

const KIND_WORDS: [RegExp, DocumentKind][] = [
  [/\b(?:programme|program|timetable|work ?programme)\b/i, "programme"],
  [/\bresolutions?\b/i, "resolution"],
  [/\bstrateg(?:y|ies)\b/i, "strategy"],
];

/**
 * Documents the question names by year (with its kind when two share the year): "the 2012
 * strategy", "the 2009 resolution", "in 1997". Empty when it names none.
 */
export function referencedDocuments(question: string, docs: readonly DocRefTarget[]): string[] {
  // a period ("the Drugs Strategy 2005-2012") names no document by its end years
  const years = [...question.replace(/\b(?:19|20)\d{2}\s?[-–/]\s?(?:19|20)?\d{2}\b/g, " ").matchAll(/\b((?:19|20)\d{2})\b/g)].map((m) => Number(m[1]));
  const named = docs.filter((d) => d.year !== null && years.includes(d.year));
  if (named.length === 0) return [];
  // A year said of something else ("the Naples II Convention of 1997") does not name a document
  // of another kind than the one the question asks about.
  const kinds = KIND_WORDS.filter(([re]) => re.test(question));
  if (kinds.length === 0) return named.map((d) => d.slug);
  const both = named.filter((d) => kinds.some(([re, k]) => namedAs(d, k, re)));
  return both.map((d) => d.slug);
}

/**
 * A document the question names by year and kind that the index does not have ("point 3 of the
 * 2011 resolution" with no 2011 resolution loaded): its year and kind, else undefined.
 */
export function missingDocument(question: string, docs: readonly DocRefTarget[]): { year: number; kind: DocumentKind } | undefined {
  const q = question.replace(/\b(?:19|20)\d{2}\s?[-–/]\s?(?:19|20)?\d{2}\b/g, " ");
  for (const [re, kind] of KIND_WORDS) {
    const near = new RegExp(`\\b((?:19|20)\\d{2})\\s+(?:council\\s+|eu\\s+)?${re.source.replace(/^\\b|\\b$/g, "")}|${re.source.replace(/\\b$/, "")}\\s+(?:of|from)\\s+(?:\\d{1,2}\\s+\\w+\\s+)?((?:19|20)\\d{2})\\b`, "i");
    const m = near.exec(q);
    if (!m) continue;
    const year = Number(m[1] ?? m[2]);
    if (!docs.some((d) => d.year === year && namedAs(d, kind, re))) return { year, kind };
  }
  return undefined;
}

/** Whether the question asks for a list ("the three strategic objectives", "list the ..."). */
export function isListQuestion(question: string): boolean {
  const q = question.toLowerCase();
  return (
    /\b(?:list|enumerate|summari[sz]e)\b/.test(q) ||
    /\b(?:what|which) (?:are|were) (?:the|all|its)\b/.test(q) ||
    /^(?:what|which|give|show|name|tell)\b.*\ball (?:the |its )?\w+[^s]s\b/.test(q) ||
    /\b(?:two|three|four|five|six|seven|eight|\d) (?:\w+ ){0,2}(?:objectives|aims|goals|priorities|actions|points|tasks|areas|measures)\b/.test(q) ||
    /\b(?:the|its) (?:\w+ ){0,2}(?:objectives|aims|goals|priorities)\b/.test(q)
  );
}

/** Whether the question asks when something is due. */
export function isDeadlineQuestion(question: string): boolean {
  return /\b(?:when|deadline|deadlines|due|by what date|target date|timetable|until when|how long)\b/i.test(question);
}

/** Whether the question asks what something is for ("what is the 1997 programme for?", "what's the point of ..."). */
export function isPurposeQuestion(question: string): boolean {
  return /\bwhat(?:'s|’s| is| are| was| were)\b.{3,80}\bfor\s*\??\s*$/i.test(question.trim()) || /\b(?:the point of|what is it for|purpose of)\b/i.test(question);
}
