/**
 * From the bytes of an uploaded file to a document ready to store, or an InputError that says
 * what is wrong with the file. Pure: the caller reads the file and stores the result.
 */
import { createHash } from "node:crypto";
import { InputError } from "../../core/errors.ts";
import { cleanText } from "./clean-text.ts";
import { kindOf, readMetadata, type DocumentKind } from "./document-metadata.ts";
import { labelPassages, PREAMBLE_LABEL, type LabelledPassage } from "./label-passages.ts";

/** Largest text accepted: the bundled documents are 10–35 kB; a whole strategy rarely passes 1 MB of text. */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;
/** Largest file accepted: a PDF or Word file carries fonts and images besides its text. */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;
/** More passages than this is not a strategy but a data dump. */
export const MAX_PASSAGES = 5000;

/** A document ready to store. */
export interface ParsedDocument {
  slug: string;
  title: string;
  reference: string | null;
  dateText: string | null;
  year: number | null;
  kind: DocumentKind;
  sourceName: string;
  sha256: string;
  passages: LabelledPassage[];
}

/** What the importer may be told instead of reading it from the document. */
export interface ImportOverrides {
  slug?: string;
  title?: string;
  reference?: string;
  date?: string;
}

/** Slug from a file name: "2012 Strategy (final).md" → "2012-strategy-final". */
export function slugFromName(name: string): string {
  return name
    .replace(/^.*[\\/]/, "")
    .replace(/\.(?:txt|md|markdown|text|pdf|docx|html?|xhtml)$/i, "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
}

/** Valid slugs: lower-case letters, digits and dashes. */
export const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/;

/** Decodes and labels a file; throws InputError for empty, binary, oversized, undecodable or structureless files. */
export function parseDocument(bytes: Uint8Array, sourceName: string, overrides: ImportOverrides = {}): ParsedDocument {
  const name = sourceName.replace(/^.*[\\/]/, "");
  if (bytes.length === 0) throw new InputError(`${name} is empty: export the document as plain text or Markdown and try again.`);
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    throw new InputError(`${name} is ${(bytes.length / 1048576).toFixed(1)} MB; the limit is ${MAX_DOCUMENT_BYTES / 1048576} MB. Import the strategy text only (without annexes of data).`);
  }
  const text = decode(bytes, name);
  if (text.trim().length === 0) throw new InputError(`${name} contains only blank space: export the document as plain text or Markdown and try again.`);
  return parseText(text, bytes, name, overrides);
}

/** Labels a document's text (from any format's reader); `bytes` are the file's, for its hash. */
export function parseText(text: string, bytes: Uint8Array, sourceName: string, overrides: ImportOverrides = {}, exactParagraphs = false): ParsedDocument {
  const name = sourceName.replace(/^.*[\\/]/, "");
  if (text.length > MAX_DOCUMENT_BYTES) throw new InputError(`${name} holds ${(text.length / 1048576).toFixed(1)} MB of text; the limit is ${MAX_DOCUMENT_BYTES / 1048576} MB. Import the strategy text only (without annexes of data).`);
  if (text.trim().length === 0) throw new InputError(`${name} has no text to read (a scanned PDF without a text layer?): export the document with its text and try again.`);
  const slug = overrides.slug ?? slugFromName(name);
  if (!SLUG.test(slug)) throw new InputError(`"${slug}" cannot name a document: use lower-case letters, digits and dashes (--slug 2012-strategy).`);

  const blocks = cleanText(text, exactParagraphs);
  const passages = labelPassages(blocks);
  const structured = passages.filter((p) => p.label !== PREAMBLE_LABEL);
  if (structured.length === 0) throw new InputError(`No numbered paragraphs or headings could be labelled in ${name}: ${describeFound(text)}. The importer needs the document's own numbering (1., a), (ii), IV., RECOGNISING: ...); check that it is the strategy text.`);
  if (passages.length > MAX_PASSAGES) throw new InputError(`${name} has ${passages.length} passages; the limit is ${MAX_PASSAGES}. Is it really one strategy document?`);

  const meta = readMetadata(blocks);
  const title = clean(overrides.title) ?? meta.title ?? titleFromSlug(slug);
  const dateText = clean(overrides.date) ?? meta.dateText;
  const yearText = dateText ? /\b(1[89]\d{2}|20\d{2})\b/.exec(dateText)?.[1] : undefined;
  return {
    slug,
    title: title.slice(0, 300),
    reference: (clean(overrides.reference) ?? meta.reference)?.slice(0, 200) ?? null,
    dateText: dateText?.slice(0, 100) ?? null,
    year: yearText ? Number(yearText) : (meta.year ?? yearFromSlug(slug)),
    kind: overrides.title ? kindOf(title) : meta.title ? meta.kind : kindOf(`${title} ${slug}`),
    sourceName: name,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    passages,
  };
}

/** What the text has that looks like numbering, with line numbers, for the message when nothing could be labelled. */
export function describeFound(text: string): string {
  const lines = text.split(/\r?\n/);
  const at = (re: RegExp) => lines.flatMap((l, i) => (re.test(l) ? [i + 1] : []));
  const list = (n: number[]) => `${n.slice(0, 6).join(", ")}${n.length > 6 ? `, … (${n.length} in all)` : ""}`;
  const found: string[] = [];
  const alone = at(/^\s*(?:\(?\d{1,3}[.)]|\([a-z]{1,4}\)|[a-z][.)]|[IVXLC]{1,6}\.)\s*$/);
  if (alone.length) found.push(`numbers on lines of their own at lines ${list(alone)}`);
  const glued = at(/^\s*\d{1,3}\.[A-Z][a-z]/);
  if (glued.length) found.push(`numbers without a space after them ("1.On") at lines ${list(glued)}`);
  const caps = at(/^\s*[A-Z][A-Z ,]{5,}:?\s*$/);
  if (caps.length) found.push(`capitalised lines at lines ${list(caps)}`);
  const words = text.split(/\s+/).filter(Boolean).length;
  return found.length ? `found ${found.join("; ")} (${lines.length} lines, ${words} words) but no numbered paragraph to label` : `found ${lines.length} lines and ${words} words, none numbered or set as a heading`;
}

function decode(bytes: Uint8Array, name: string): string {
  let text: string;
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder("utf-16le", { fatal: true }).decode(bytes.subarray(2));
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder("utf-16be", { fatal: true }).decode(bytes.subarray(2));
    else {
      if (bytes.includes(0)) throw new InputError(`${name} looks like a binary file (it contains NUL bytes): export the document as plain text or Markdown (.txt, .md), not .docx or .pdf.`);
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${name} is not valid UTF-8 text: save it as UTF-8 (in Word: Save As → Plain Text → Unicode (UTF-8)) and import it again.`);
  }
  const controls = (text.match(/[\u0000-\u0008\u000E-\u001F\u007F]/g) ?? []).length;
  if (controls > Math.max(8, text.length / 200)) {
    throw new InputError(`${name} looks like a binary file (${controls} control characters): export the document as plain text or Markdown (.txt, .md).`);
  }
  return text;
}

const clean = (s: string | undefined) => (s === undefined ? undefined : s.replace(/\s+/g, " ").trim() || undefined);
const titleFromSlug = (slug: string) => slug.replace(/-/g, " ").replace(/^./, (c) => c.toUpperCase());
const yearFromSlug = (slug: string) => {
  const y = /(?:^|-)((?:19|20)\d{2})(?:-|$)/.exec(slug)?.[1];
  return y ? Number(y) : null;
};
