/**
 * Questions in, answers out: checks the question (length, mentions), asks the index, and shapes
 * the result as the CLI's JSON line and as a chat reply (quote with its source, the next best
 * sources, or a plain "the documents do not answer" with a button to ask the secretariat).
 */
import { MENTION_TOKEN } from "../../core/mention.ts";
import { InputError } from "../../core/errors.ts";
import type { Hit, KnowledgeIndex, SearchOutcome } from "../index/knowledge-index.ts";
import { terms } from "../index/terms.ts";

/** Longest question read, in characters: a question, not a document. */
export const MAX_QUESTION_LENGTH = 500;
/** Longest quote shown from one passage. */
export const MAX_QUOTE_LENGTH = 700;

/** One source in the CLI contract. */
export interface AnswerSource {
  document: string;
  title: string;
  label: string;
  text: string;
  score: number;
}

/** The CLI contract's answer object. */
export interface Answer {
  question: string;
  answered: boolean;
  answer: string;
  sources: AnswerSource[];
  /** when declined: the decline model's probability that the closest passage answers (below its threshold) */
  confidence?: number;
}

/** Said when the documents do not answer. */
export const DECLINE_TEXT = "The documents do not answer this question.";

/**
 * Removes what is no part of a question: mentions of members (the core's `@{id}`, see
 * src/core/mention.ts) and the words that notify everyone, @here, @channel, @everyone, @all.
 * Platform markup never gets here (the adapters translate it) and the renderers escape what is
 * echoed, so nothing here is about one platform.
 */
export function neutraliseMentions(text: string): string {
  return text
    .replace(MENTION_TOKEN, " ")
    .replace(/(?<![\w.])@(?:here|channel|everyone|all|room|team)\b/gi, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The question to search with, or an InputError saying what to type instead. */
export function checkQuestion(raw: string): string {
  if (raw.length > MAX_QUESTION_LENGTH * 4) throw new InputError(`That question is ${raw.length} characters long; ask in at most ${MAX_QUESTION_LENGTH} characters (one question at a time).`);
  const q = neutraliseMentions(raw.replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, " "));
  if (q.replace(/[^\p{L}\p{N}]/gu, "").length === 0) {
    throw new InputError('Ask a question about the strategies, e.g. "what does 3.a(ii) say?" or "what are the objectives of the 2023 resolution?"');
  }
  if (q.length > MAX_QUESTION_LENGTH) throw new InputError(`That question is ${q.length} characters long; ask in at most ${MAX_QUESTION_LENGTH} characters (one question at a time).`);
  return q;
}

/** Answers one checked question from the index; `queryVector` is its embedding when the index has vectors. */
export function answerQuestion(index: KnowledgeIndex, question: string, queryVector?: Float32Array): { answer: Answer; outcome: SearchOutcome } {
  const outcome = index.ask(question, queryVector);
  const qTerms = new Set(terms(question));
  const source = (h: Hit): AnswerSource => ({
    document: h.document.slug,
    title: h.document.title,
    label: h.passage.label,
    text: trimPassage(sectionText(index, h), qTerms),
    score: h.score,
  });
  // A list answer leads with the passage that introduces the list, then its items.
  const ordered = outcome.list && outcome.listLead ? [outcome.listLead, ...outcome.list, ...outcome.hits] : outcome.hits;
  const sources: AnswerSource[] = [];
  for (const h of ordered) {
    if (!sources.some((s) => s.document === h.document.slug && s.label === h.passage.label)) sources.push(source(h));
  }
  let text: string;
  if (outcome.refusal) text = outcome.refusal.message;
  else if (!outcome.answered) text = DECLINE_TEXT;
  else if (outcome.list) text = outcome.list.map((h) => `${h.passage.label}: ${trimPassage(h.passage.text, qTerms, 300)}`).join("\n");
  else text = sources[0]!.text;
  return { answer: { question, answered: outcome.answered, answer: text, sources, ...(outcome.answered ? {} : { confidence: outcome.confidence }) }, outcome };
}

/** A section's paragraphs share its label: a label answer quotes them together. */
function sectionText(index: KnowledgeIndex, h: Hit): string {
  if (h.passage.text.length >= 150 || /[.;:!?]$/.test(h.passage.text)) return h.passage.text;
  // a heading line alone says little: the paragraphs right after it, under the same label, answer
  const same = index.passagesByLabel(h.document.slug, h.passage.label);
  const out = [h.passage.text];
  for (let ord = h.passage.ord + 1; out.length < 3; ord++) {
    const next = same.find((p) => p.ord === ord);
    if (!next) break;
    out.push(next.text);
  }
  return out.join("\n");
}

/**
 * Shortens a passage around the sentences that carry the question's words, keeping whole
 * sentences and marking cuts with "…".
 */
export function trimPassage(text: string, qTerms: Set<string>, max = MAX_QUOTE_LENGTH): string {
  const t = text.trim();
  if (t.length <= max) return t;
  const sentences = t.match(/[^.;!?\n]+(?:[.;!?]+["')]?|\n|$)\s*/g) ?? [t];
  const weights = sentences.map((s) => terms(s).filter((w) => qTerms.has(w)).length);
  let best = 0;
  weights.forEach((w, i) => {
    if (w > weights[best]!) best = i;
  });
  let from = best;
  let to = best + 1;
  let len = sentences[best]!.length;
  while (true) {
    const canBack = from > 0 && len + sentences[from - 1]!.length <= max;
    const canFwd = to < sentences.length && len + sentences[to]!.length <= max;
    if (!canBack && !canFwd) break;
    if (canFwd && (!canBack || weights[to]! >= weights[from - 1]!)) len += sentences[to++]!.length;
    else len += sentences[--from]!.length;
  }
  let out = sentences.slice(from, to).join("").trim();
  if (out.length > max) out = `${out.slice(0, max - 1).replace(/\s+\S*$/, "")}`;
  return `${from > 0 ? "… " : ""}${out}${to < sentences.length || out.length < sentences.slice(from, to).join("").trim().length ? " …" : ""}`;
}

/** `s` cut to about `n` characters at a word boundary, with "…". */
export const shorten = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1).replace(/\s+\S*$/, "")}…` : s);
