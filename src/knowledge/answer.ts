/**
 * Questions in, answers out: checks the question (length, mentions), asks the index, and shapes
 * the result as the CLI's JSON line and as a chat reply (quote with its source, the next best
 * sources, or a plain "the documents do not answer" with a button to ask the secretariat).
 */
import { InputError } from "../core/errors.ts";
import { reply, type Block, type Reply } from "../core/reply.ts";
import type { Hit, KnowledgeIndex, SearchOutcome } from "./knowledge-index.ts";
import { terms } from "./text-terms.ts";

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
}

/** Said when the documents do not answer. */
export const DECLINE_TEXT = "The documents do not answer this question.";

/**
 * Removes what would notify people when echoed: Slack's <!channel>, <!here>, <@U123>, <#C1>
 * and typed @here, @channel, @everyone, @all.
 */
export function neutraliseMentions(text: string): string {
  return text
    .replace(/<[!@#][^>]*>/g, " ")
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

/** Answers one checked question from the index. */
export function answerQuestion(index: KnowledgeIndex, question: string): { answer: Answer; outcome: SearchOutcome } {
  const outcome = index.ask(question);
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
  if (!outcome.answered) text = DECLINE_TEXT;
  else if (outcome.list) text = outcome.list.map((h) => `${h.passage.label}: ${trimPassage(h.passage.text, qTerms, 300)}`).join("\n");
  else text = sources[0]!.text;
  return { answer: { question, answered: outcome.answered, answer: text, sources }, outcome };
}

/** The chat reply for an answer. */
export function answerReply(a: Answer, outcome: SearchOutcome): Reply {
  if (!a.answered) {
    return reply(DECLINE_TEXT, [
      { type: "text", text: `${DECLINE_TEXT} I found no passage in the strategies that answers “${a.question}”.` },
      { type: "text", text: "The secretariat can answer it: press the button to pass it on. (Type help to see what else I can do.)", style: "muted" },
      // `text` is what a console user types to do the same (adapters without buttons show it)
      { type: "buttons", buttons: [{ label: "Ask the secretariat", command: "secretariat.ask", args: { question: a.question, text: `ask the secretariat: ${a.question}` } }] },
    ]);
  }
  const blocks: Block[] = [];
  const first = a.sources[0]!;
  if (outcome.list) {
    const items = outcome.list;
    blocks.push({ type: "text", text: `${first.title} (${first.document}) lists ${items.length}:` });
    for (const h of items) {
      const s = a.sources.find((x) => x.document === h.document.slug && x.label === h.passage.label)!;
      blocks.push({ type: "quote", text: s.text, source: { document: s.document, label: s.label, title: s.title } });
    }
  } else {
    blocks.push({ type: "quote", text: first.text, source: { document: first.document, label: first.label, title: first.title } });
  }
  const listed = new Set((outcome.list ?? []).map((h) => `${h.document.slug} ${h.passage.label}`));
  const more = a.sources.slice(1).filter((s) => !listed.has(`${s.document} ${s.label}`)).slice(0, 3);
  if (more.length > 0) {
    blocks.push({ type: "text", text: "Also relevant:", style: "muted" });
    blocks.push({ type: "fields", fields: more.map((s) => ({ label: `${s.document} ${s.label}`, value: shorten(s.text, 160) })) });
  }
  const summary = outcome.list ? `${first.document}: ${outcome.list.map((h) => h.passage.label).join(", ")}` : `${first.document} ${first.label}: ${shorten(first.text, 100)}`;
  return reply(summary, blocks);
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

const shorten = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1).replace(/\s+\S*$/, "")}…` : s);
