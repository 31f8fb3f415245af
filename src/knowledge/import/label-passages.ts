/**
 * The labeller: cleaned paragraphs become passages, each with a label in the document's own
 * numbering and the chain of headings above it. The label grammar is in docs/knowledge.md; in
 * short, a stack of open list levels is kept, a marker of a style already open continues (or
 * restarts) that level, a new style opens a child level, and capitalised keyword headings
 * ("RECOGNISING:", "TIMETABLE") open a new top level.
 */
import type { Block } from "./clean-text.ts";
import { headingChain, landing, nearestKeyword, popWhile, renderLabel, standaloneStyles, type Node } from "./label-stack.ts";
import { parseMarker, type Marker } from "./markers.ts";

/** A labelled passage, before it is stored. */
export interface LabelledPassage {
  label: string;
  headings: string[];
  text: string;
}

type Classified =
  | { kind: "marker"; marker: Marker; heading: boolean; capsHeading: boolean }
  | { kind: "keyword" | "subhead" | "caption" | "keyword-paragraph"; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "meta"; text: string };

/** Label given to text that stands before any numbering or heading. */
export const PREAMBLE_LABEL = "preamble";

const VERB = /\b(?:shall|should|will|must|may|can|are|is|was|were|have|has|had|do|does|did|be|been|being|need|needs|include|includes|including)\b/i;
/** Cover-page lines that are neither text nor headings: place and date, document numbers. */
const META_LINE = /^(?:(?:Brussels|Luxembourg|Strasbourg),\s+\d{1,2}\s+\w+\s+\d{4}|\d{3,5}\/(?:\d{1,2}\/)?\d{2}(?:\s+REV\s+\d+)?(?:\s+[A-Z]{3,12}\s+\d{1,4})*|\(OR\.\s*\w+\)|LIMITE)$/;
const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
const isCaps = (s: string) => {
  const letters = s.replace(/[^A-Za-zÀ-ÿ]/g, "");
  return letters.length >= 3 && letters === letters.toUpperCase();
};

/** Drops the cover page's routing block (From/To/Subject...) that precedes a "Subject:" line. */
export function bodyBlocks(blocks: Block[]): Block[] {
  const limit = Math.min(blocks.length, 40);
  for (let i = 0; i < limit; i++) {
    if (/^subject\s*:/i.test(blocks[i]!.text)) {
      let end = i + 1;
      // a subject continued on its own line ("- Draft Resolution")
      while (end < blocks.length && /^[-–]\s+\S/.test(blocks[end]!.text) && words(blocks[end]!.text) <= 6) end++;
      return blocks.slice(end);
    }
  }
  return blocks;
}

/** Labels the passages of a document's cleaned paragraphs. */
export function labelPassages(allBlocks: Block[]): LabelledPassage[] {
  const blocks = bodyBlocks(allBlocks);
  const midSentenceCaps = capsWordsInSentences(blocks);
  const passages: LabelledPassage[] = [];
  let stack: Node[] = [];

  const continuesAt = (style: string, value: number) => stack.findIndex((n) => n.kind === "marker" && n.marker.style === style && n.marker.value === value - 1);
  // A capitalised heading without a colon ("TIMETABLE", "ANNEX") opens its own numbering only if
  // the next numbered item starts a list; otherwise it is a caption inside a running list.
  const restartsBelow = (i: number): boolean => {
    for (let j = i + 1; j < blocks.length && j < i + 30; j++) {
      const m = ahead[j];
      if (m) return m.value === 1;
      if (/:$/.test(blocks[j]!.text) && isCaps(blocks[j]!.text)) return false;
    }
    return false;
  };
  const classify = (b: Block, i: number): Classified => {
    const marker = parseMarker(b.text, (style, value) => continuesAt(style, value) >= 0);
    if (marker) {
      const rest = marker.rest;
      const capsHeading = isCaps(rest) && rest.length <= 120;
      // "Article 20" alone on its line heads the numbered paragraphs under it
      const heading = b.emphasised || capsHeading || (marker.kind === "named" && rest === "") || (rest.length > 0 && words(rest) <= 12 && !/[.;:,!?]["')]?$/.test(rest) && /^[A-Z]/.test(rest));
      return { kind: "marker", marker, heading, capsHeading: capsHeading || (b.emphasised && marker.kind !== "named") };
    }
    const text = b.text.trim();
    const lead = leadingKeyword(text, midSentenceCaps);
    if (lead) return { kind: "keyword-paragraph", text: lead };
    const bare = text.replace(/\s*:$/, "");
    if (isCaps(bare) && bare.length <= 80 && !/[,;.]$/.test(bare) && (text.endsWith(":") || (words(bare) <= 2 && restartsBelow(i)))) return { kind: "keyword", text: bare };
    // "For the CCWP:" names who the items are for; "The Member States shall:" is a sentence.
    if (text.endsWith(":") && words(bare) <= 10 && !bare.includes(",") && /^[A-Z]/.test(bare) && !isCaps(bare) && !VERB.test(bare)) return { kind: "subhead", text: bare };
    if (META_LINE.test(text)) return { kind: "meta", text };
    if ((b.emphasised || isCaps(bare) || (words(text) <= 12 && !/[.;:,!?]["')]?$/.test(text))) && /^[A-Z0-9"«(]/.test(text)) return { kind: "caption", text };
    return { kind: "paragraph", text };
  };

  // Look-ahead reads markers without context (cheap, computed once); the walk itself reads them in context.
  const ahead = blocks.map((b) => parseMarker(b.text));
  const standalone = standaloneStyles(ahead);
  const nextSameStyle = (i: number, style: string): Marker | undefined => {
    for (let j = i + 1; j < blocks.length; j++) if (ahead[j]?.style === style) return ahead[j];
    return undefined;
  };
  const lookahead = new Map<number, Classified>();
  const classifyAhead = (j: number): Classified => {
    let c = lookahead.get(j);
    if (!c) lookahead.set(j, (c = classify(blocks[j]!, j)));
    return c;
  };

  for (let i = 0; i < blocks.length; i++) {
    // Classified in turn: whether "i" or "V" is a letter or a numeral depends on the open lists.
    const item = classify(blocks[i]!, i);
    // An item whose content is arranged under sub-headings ("For the CCWP:") is itself a heading.
    if (item.kind === "marker" && !item.heading && blocks[i + 1] && classifyAhead(i + 1).kind === "subhead") item.heading = true;
    switch (item.kind) {
      case "keyword": {
        stack = [{ kind: "keyword", text: item.text, inLabel: undefined }];
        break;
      }
      case "keyword-paragraph": {
        // "AGREES on the following objectives:", "WELCOMES the Communication …": the keyword
        // labels this paragraph, and heads the points numbered after it only when the
        // paragraph introduces them (ends with a colon); a recital ("TAKING NOTE of …;") does not
        // head the operative points that follow it
        const introduces = /:$/.test(blocks[i]!.text.trim());
        stack = [{ kind: "keyword", text: item.text, inLabel: introduces ? undefined : false }];
        passages.push({ label: item.text, headings: [], text: blocks[i]!.text });
        break;
      }
      case "caption": {
        popWhile(stack, (n) => n.kind === "caption" || (n.kind === "marker" && !n.heading));
        stack.push({ kind: "caption", text: item.text });
        break;
      }
      case "subhead": {
        const at = stack.findIndex((n) => n.kind === "subhead");
        if (at >= 0) stack.length = at;
        else popWhile(stack, (n) => n.kind === "marker" && !n.heading);
        stack.push({ kind: "subhead", text: item.text });
        break;
      }
      case "meta":
        break;
      case "marker": {
        if (item.marker.kind === "named" && !stack.some((n) => n.kind === "marker" && n.marker.style === item.marker.style)) {
          // "Article 2", "Chapter III": a section of the document, under an enclosing named
          // section that heads it directly ("Chapter II" then "Article 5"), otherwise at the top
          // (not inside the recitals before it, nor in an article whose points came first)
          const outer = stack.findLastIndex((n) => n.kind === "marker" && n.marker.kind === "named");
          const direct = outer >= 0 && !stack.slice(outer + 1).some((n) => n.kind === "marker");
          stack.length = direct ? outer + 1 : 0;
        }
        // a heading set in capitals or bold ("I. DRUG SUPPLY REDUCTION") of a style not open yet
        // is a section of its own, never a child of the numbered paragraph before it
        if (item.capsHeading && !stack.some((n) => n.kind === "marker" && n.marker.style === item.marker.style)) popWhile(stack, (n) => n.kind === "marker" && !n.heading);
        const at = landing(stack, item.marker, nextSameStyle(i, item.marker.style));
        // the sibling of a numbered heading is a heading too (3.1 and 3.2 are both sections)
        const replaced = stack[at];
        if (replaced?.kind === "marker" && replaced.heading && replaced.marker.style === item.marker.style) item.heading = true;
        stack.length = at;
        // A keyword heading is part of the label when items are numbered directly under it
        // (RECOGNISING 5, TIMETABLE 22), not when numbered sections are (HAS ADOPTED ... : 3.1).
        const parent = nearestKeyword(stack);
        if (parent && parent.inLabel === undefined) parent.inLabel = !item.heading;
        const node: Node = { kind: "marker", marker: item.marker, heading: item.heading, capsHeading: item.capsHeading };
        stack.push(node);
        node.passage = { label: renderLabel(stack, standalone), headings: headingChain(stack.slice(0, -1)), text: item.marker.rest };
        passages.push(node.passage);
        break;
      }
      case "paragraph": {
        const top = stack.at(-1);
        if (top?.kind === "marker" && !top.heading) {
          let next: Classified | undefined;
          for (let j = i + 1; j < blocks.length && !next; j++) {
            const c = classifyAhead(j);
            if (c.kind !== "paragraph") next = c;
          }
          let target = stack.length - 1;
          if (next?.kind === "marker") {
            const at = landing(stack, next.marker, undefined);
            const continuing = at === stack.length - 1 && next.marker.value === top.marker.value + 1;
            if (at < stack.length - 1) target = at;
            else if (at === stack.length - 1 && !continuing) target = at - 1;
          }
          if (target === stack.length - 1) {
            top.passage!.text = top.passage!.text ? `${top.passage!.text}\n${item.text}` : item.text;
            break;
          }
          stack.length = Math.max(0, target + 1);
        }
        const owner = stack.at(-1);
        if (owner?.kind === "marker" && !owner.heading) {
          owner.passage!.text = `${owner.passage!.text}\n${item.text}`;
          break;
        }
        passages.push({ label: renderLabel(stack, standalone) || PREAMBLE_LABEL, headings: headingChain(stack), text: item.text });
        break;
      }
    }
  }
  return passages.filter((p) => p.text.trim().length > 0 || p.label.length > 0).map((p) => ({ ...p, text: p.text.trim() }));
}

/**
 * The capitalised words at the start of a paragraph that head it as a keyword does
 * ("TAKING NOTE of", "HEREBY RESOLVES that"): capitals followed by lower-case text, none of them
 * a word the document also writes in capitals inside a sentence (an acronym such as EMPACT).
 */
function leadingKeyword(text: string, acronyms: Set<string>): string | undefined {
  const m = /^((?:[A-Z][A-Z'’-]+\s+){1,4})(?=[a-z(‘“"'])/.exec(text);
  if (!m) return undefined;
  const caps = m[1]!.trim().split(/\s+/);
  if (!caps.some((w) => w.length >= 4) || caps.some((w) => acronyms.has(w))) return undefined;
  return caps.join(" ");
}

/**
 * Words the document writes inside a sentence in capitals (acronyms: EMPACT) or capitalised
 * (names: the Council, the Resolution), in capitals as found: such a word opening a paragraph in
 * capitals is a title or a subject, not a keyword.
 */
function capsWordsInSentences(blocks: Block[]): Set<string> {
  const out = new Set<string>();
  for (const b of blocks) for (const m of b.text.matchAll(/\b[a-z][a-z,;:]*\s+\(?([A-Z][A-Za-z'’-]+)\b/g)) out.add(m[1]!.toUpperCase());
  return out;
}
