/**
 * The evaluation: a split's questions (eval/<split>/*.yaml: dev, and any held-out split such as
 * test2) against the bundled corpus plus the evaluation documents those questions name
 * (data/eval-documents/<split>/, else another split's folder),
 * imported as found, for the bot and for the baseline a developer would pick first (MiniSearch
 * with default options over blank-line paragraphs). The expected passage is the one holding the
 * question's verbatim `quote`; whether our label for it reads as the question's `label` is
 * counted apart. Shared by `npm run eval`, the decline fit and the benchmark.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import MiniSearch from "minisearch";
import { parse } from "yaml";
import { z } from "zod";
import { answerQuestion } from "../src/knowledge/answer/answer.ts";
import { BUNDLED_DOCUMENTS, CORPUS_DIR } from "../src/knowledge/corpus.ts";
import { extractText, readDocument } from "../src/knowledge/import/read-document.ts";
import { UNFITTED, type DeclineModel } from "../src/knowledge/decline/decline-model.ts";
import type { Example } from "./fit-decline.ts";
import { KnowledgeIndex, type IndexDocument, type IndexPassage, type SearchOutcome } from "../src/knowledge/index/knowledge-index.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
/** Where the evaluation documents are. */
export const EVAL_DOCUMENTS = path.join(here, "..", "data", "eval-documents");

const Target = z.object({ doc: z.string(), label: z.string().optional(), quote: z.string().optional() });
const Question = z.object({
  q: z.string().min(1),
  doc: z.string().optional(),
  label: z.union([z.string(), z.number()]).transform(String).optional(),
  quote: z.string().optional(),
  also: z.array(Target).optional(),
  answerable: z.boolean().default(true),
  kind: z.string().optional(),
});
/** One evaluation question. */
export type EvalQuestion = z.infer<typeof Question>;
/** A split: the name of a folder under eval/ that holds question files (dev, test2, …). */
export type Split = string;

const yamlFiles = (dir: string) => (fs.existsSync(dir) && fs.statSync(dir).isDirectory() ? fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(dir, f)) : []);

/** Every split: each folder under eval/ with a .yaml file in it, dev first, so a new held-out split is picked up as it lands. */
export function discoverSplits(): Split[] {
  const names = fs.readdirSync(here).filter((d) => yamlFiles(path.join(here, d)).length > 0);
  return names.sort((a, b) => (a === "dev" ? -1 : b === "dev" ? 1 : a.localeCompare(b)));
}

/** The questions of a split (every .yaml file in eval/<split>/), or of one file. */
export function loadQuestions(splitOrFile: Split = "dev"): EvalQuestion[] {
  const files = /\.ya?ml$/.test(splitOrFile) ? [splitOrFile] : yamlFiles(path.join(here, splitOrFile));
  const list = files.flatMap((f) => z.array(Question).parse(parse(fs.readFileSync(f, "utf8")) ?? []));
  for (const q of list) if (q.answerable && (!q.doc || !q.quote)) throw new Error(`question "${q.q}" needs doc and quote`);
  return list;
}

/** The corpus of a split: passages as the importer labels them, and the plain text for the baseline. */
export interface Corpus {
  documents: IndexDocument[];
  passages: IndexPassage[];
  raw: Map<string, string>;
  /** documents that could not be imported, with the importer's message */
  failed: Map<string, string>;
}

/** The bundled corpus plus the evaluation documents the questions name, imported through the importer. */
export async function loadCorpus(questions: EvalQuestion[] = [], split: Split = "dev"): Promise<Corpus> {
  const corpus: Corpus = { documents: [], passages: [], raw: new Map(), failed: new Map() };
  let id = 1;
  const add = async (slug: string, bytes: Uint8Array, file: string) => {
    try {
      const d = await readDocument(bytes, file, { slug });
      corpus.documents.push({ slug, title: d.title, year: d.year, kind: d.kind });
      d.passages.forEach((p, ord) => corpus.passages.push({ id: id++, documentSlug: slug, ord, ...p }));
      corpus.raw.set(slug, await extractText(bytes, file));
    } catch (e) {
      corpus.failed.set(slug, (e as { userMessage?: string }).userMessage ?? String(e));
    }
  };
  for (const [slug, file] of Object.entries(BUNDLED_DOCUMENTS)) await add(slug, fs.readFileSync(path.join(CORPUS_DIR, file)), file);
  const named = new Set(questions.flatMap((q) => [q.doc, ...(q.also ?? []).map((a) => a.doc)]).filter((d): d is string => Boolean(d) && !(d! in BUNDLED_DOCUMENTS)));
  // the split's own folder first, then the others (sources/ holds markup, not documents)
  const dirs = [split, ...fs.readdirSync(EVAL_DOCUMENTS).filter((d) => d !== split && d !== "sources")].map((d) => path.join(EVAL_DOCUMENTS, d)).filter((d) => fs.existsSync(d) && fs.statSync(d).isDirectory());
  for (const slug of named) {
    const dir = dirs.find((d) => fs.readdirSync(d).some((f) => f.replace(/\.[^.]+$/, "") === slug));
    const file = dir && fs.readdirSync(dir).find((f) => f.replace(/\.[^.]+$/, "") === slug);
    if (!dir || !file) corpus.failed.set(slug, `no file ${slug}.* in data/eval-documents/${split}/`);
    else await add(slug, fs.readFileSync(path.join(dir, file)), file);
  }
  return corpus;
}

/** One system's ranked answer to a question. */
export interface Ranked {
  answered: boolean;
  /** best first */
  sources: { document: string; label?: string; text: string }[];
  outcome?: SearchOutcome;
}

/** The figures for one system on one split. */
export interface Scores {
  top1: number;
  top3: number;
  declined: number;
  wronglyDeclined: number;
  answerable: number;
  unanswerable: number;
  /** questions whose quote was found in no passage (counted as misses) */
  unresolved: string[];
  /** of the resolved expected passages, how many carry the label the question gives */
  labelAgreement: { agree: number; of: number; differ: { q: string; ours: string; theirs: string }[] };
  byKind: Map<string, { n: number; ok: number }>;
  misses: { q: string; expected: string; got: string[]; answered: boolean }[];
}

/** Squeezes text for quote matching: lower case, letters and digits only, single spaces. */
export const squeeze = (s: string): string => s.toLowerCase().replace(/<[^>]+>/g, " ").replace(/[^a-z0-9]+/g, " ").trim();

/** The (document, label) pairs whose passage text holds the quote. */
export function resolveQuote(corpus: Corpus, doc: string, quote: string): { document: string; label: string }[] {
  const q = squeeze(quote);
  const inDoc = corpus.passages.filter((p) => p.documentSlug === doc);
  let found = inDoc.filter((p) => squeeze(p.text).includes(q));
  // a quote that runs across two passages (a heading and its first line): either half
  if (found.length === 0 && q.length > 30) {
    const w = q.split(" ");
    const half = Math.max(4, Math.floor(w.length / 2));
    const head = w.slice(0, half).join(" ");
    const tail = w.slice(-half).join(" ");
    found = inDoc.filter((p) => {
      const t = squeeze(p.text);
      return t.includes(head) || t.includes(tail);
    });
  }
  return [...new Map(found.map((p) => [`${p.documentSlug}\u0000${p.label}`, { document: p.documentSlug, label: p.label }])).values()];
}

/** Whether the first source of a system's answer is one of the passages that answer the question (its quote, or an `also` quote). */
export function bestAnswers(corpus: Corpus, q: EvalQuestion, r: Ranked, matches: (s: Ranked["sources"][number], t: { document: string; label: string }, quote: string) => boolean): boolean {
  const first = r.sources[0];
  if (!q.answerable || !first) return false;
  const targets = [{ doc: q.doc!, quote: q.quote! }, ...(q.also ?? []).filter((a) => a.quote)];
  return targets.some((t) => resolveQuote(corpus, t.doc, t.quote!).some((p) => matches(first, p, t.quote!)));
}

const labelKey = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "");

/** Scores a system on a split. */
export function score(questions: EvalQuestion[], corpus: Corpus, ask: (q: string) => Ranked, matches: (s: Ranked["sources"][number], t: { document: string; label: string }, quote: string) => boolean): Scores {
  const s: Scores = { top1: 0, top3: 0, declined: 0, wronglyDeclined: 0, answerable: 0, unanswerable: 0, unresolved: [], labelAgreement: { agree: 0, of: 0, differ: [] }, byKind: new Map(), misses: [] };
  for (const q of questions) {
    const r = ask(q.q);
    const kind = q.kind ?? (q.answerable ? "other" : "unanswerable");
    const k = s.byKind.get(kind) ?? { n: 0, ok: 0 };
    s.byKind.set(kind, k);
    k.n++;
    if (!q.answerable) {
      s.unanswerable++;
      if (!r.answered) {
        s.declined++;
        k.ok++;
      } else s.misses.push({ q: q.q, expected: "(decline)", got: r.sources.slice(0, 3).map((x) => `${x.document} ${x.label ?? x.text.slice(0, 40)}`), answered: true });
      continue;
    }
    s.answerable++;
    const targets = [{ doc: q.doc!, label: q.label, quote: q.quote! }, ...(q.also ?? []).filter((a) => a.quote)].map((t) => ({ ...t, resolved: resolveQuote(corpus, t.doc, t.quote!) }));
    const main = targets[0]!;
    if (main.resolved.length === 0) s.unresolved.push(q.q);
    else if (main.label !== undefined) {
      s.labelAgreement.of++;
      if (main.resolved.some((p) => labelKey(p.label) === labelKey(main.label!))) s.labelAgreement.agree++;
      else s.labelAgreement.differ.push({ q: q.q, ours: main.resolved.map((p) => p.label).join(" | "), theirs: main.label });
    }
    const hitAt = r.answered ? r.sources.findIndex((src) => targets.some((t) => t.resolved.some((p) => matches(src, p, t.quote!)))) : -1;
    if (!r.answered) s.wronglyDeclined++;
    if (hitAt === 0) {
      s.top1++;
      k.ok++;
    }
    if (hitAt >= 0 && hitAt < 3) s.top3++;
    if (hitAt !== 0) s.misses.push({ q: q.q, expected: `${q.doc} ${main.resolved.map((p) => p.label).join("|") || `(quote not found: ${q.quote})`}`, got: r.sources.slice(0, 3).map((x) => `${x.document} ${x.label ?? x.text.slice(0, 40)}`), answered: r.answered });
  }
  const a = s.answerable || 1;
  s.top1 /= a;
  s.top3 /= a;
  s.wronglyDeclined /= a;
  s.declined /= s.unanswerable || 1;
  return s;
}

/** The bot's retrieval over the labelled corpus (with another decline model, for the fit). */
export function botSystem(corpus: Corpus, decline?: DeclineModel) {
  const index = new KnowledgeIndex(corpus.documents, corpus.passages, decline ? { decline } : {});
  const ask = (q: string): Ranked => {
    const { answer, outcome } = answerQuestion(index, q);
    return { answered: answer.answered, sources: answer.sources.map((s) => ({ document: s.document, label: s.label, text: s.text })), outcome };
  };
  const matches = (src: Ranked["sources"][number], t: { document: string; label: string }) => src.document === t.document && src.label === t.label;
  return { index, ask, matches };
}

/**
 * The decline model's training examples: each question the label look-ups and refusals do not
 * settle, with its ranking features, whether it is answerable, and whether the best passage as
 * ranked (before any declining) answers it. Features do not depend on the decline model, so the
 * unfitted one is in place.
 */
export function declineExamples(corpus: Corpus, questions: readonly EvalQuestion[]): Example[] {
  const bot = botSystem(corpus, UNFITTED);
  const out: Example[] = [];
  for (const q of questions) {
    const r = bot.ask(q.q);
    const o = r.outcome;
    if (!o?.features || o.via === "label" || o.refusal) continue;
    const ranked = { ...r, sources: o.hits.map((h) => ({ document: h.document.slug, label: h.passage.label, text: h.passage.text })) };
    out.push({ features: o.features, answerable: q.answerable, bestAnswers: bestAnswers(corpus, q, ranked, bot.matches) });
  }
  return out;
}

/** The baseline: MiniSearch with default options over paragraphs split at blank lines. */
export function baselineSystem(corpus: Corpus) {
  const rows: { id: number; document: string; text: string }[] = [];
  for (const [slug, text] of corpus.raw) {
    for (const para of text.split(/\n\s*\n/)) if (para.trim()) rows.push({ id: rows.length + 1, document: slug, text: para.trim() });
  }
  const search = new MiniSearch<{ id: number; document: string; text: string }>({ fields: ["text"], storeFields: ["document", "text"] });
  search.addAll(rows);
  const ask = (q: string): Ranked => {
    const res = search.search(q);
    return { answered: res.length > 0, sources: res.slice(0, 10).map((r) => ({ document: r["document"] as string, text: r["text"] as string })) };
  };
  // a paragraph counts when it holds the quote (or half of it, as for the bot)
  const matches = (src: Ranked["sources"][number], t: { document: string }, quote: string) => {
    if (src.document !== t.document) return false;
    const p = squeeze(src.text);
    const q = squeeze(quote);
    if (p.includes(q)) return true;
    const w = q.split(" ");
    const half = Math.max(4, Math.floor(w.length / 2));
    return q.length > 30 && (p.includes(w.slice(0, half).join(" ")) || p.includes(w.slice(-half).join(" ")));
  };
  return { ask, matches, size: rows.length, search };
}
