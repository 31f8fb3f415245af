/**
 * The evaluation: the questions in eval/questions.yaml against the bundled corpus, for the bot's
 * retrieval and for the baseline a developer would pick first (MiniSearch with default options
 * over naive blank-line paragraphs). Shared by `npm run eval` and the benchmark.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import MiniSearch from "minisearch";
import { parse } from "yaml";
import { z } from "zod";
import { answerQuestion } from "../src/knowledge/answer.ts";
import { BUNDLED_DOCUMENTS, CORPUS_DIR } from "../src/knowledge/corpus.ts";
import { KnowledgeIndex, type IndexDocument, type IndexPassage } from "../src/knowledge/knowledge-index.ts";
import { parseDocument } from "../src/knowledge/parse-document.ts";

const here = path.dirname(fileURLToPath(import.meta.url));

const Target = z.object({ doc: z.string(), label: z.string() });
const Question = z.object({
  q: z.string().min(1),
  doc: z.string().optional(),
  label: z.string().optional(),
  also: z.array(Target).optional(),
  answerable: z.boolean().default(true),
  kind: z.string().optional(),
});
/** One evaluation question. */
export type EvalQuestion = z.infer<typeof Question>;

/** Reads eval/questions.yaml (or another file in the same format). */
export function loadQuestions(file = path.join(here, "questions.yaml")): EvalQuestion[] {
  const list = z.array(Question).parse(parse(fs.readFileSync(file, "utf8")));
  for (const q of list) if (q.answerable && (!q.doc || !q.label)) throw new Error(`question "${q.q}" needs doc and label`);
  return list;
}

/** The bundled corpus as the importer labels it. */
export function loadCorpus(): { documents: IndexDocument[]; passages: IndexPassage[]; raw: Map<string, string> } {
  const documents: IndexDocument[] = [];
  const passages: IndexPassage[] = [];
  const raw = new Map<string, string>();
  let id = 1;
  for (const [slug, file] of Object.entries(BUNDLED_DOCUMENTS)) {
    const bytes = fs.readFileSync(path.join(CORPUS_DIR, file));
    raw.set(slug, bytes.toString("utf8"));
    const d = parseDocument(bytes, file, { slug });
    documents.push({ slug, title: d.title, year: d.year, kind: d.kind });
    d.passages.forEach((p, ord) => passages.push({ id: id++, documentSlug: slug, ord, ...p }));
  }
  return { documents, passages, raw };
}

/** One system's ranked answer to a question. */
export interface Ranked {
  answered: boolean;
  /** (document, label) pairs best first; for the baseline, the paragraphs' texts */
  sources: { document: string; label?: string; text: string }[];
}

/** The four figures. */
export interface Scores {
  top1: number;
  top3: number;
  declined: number;
  wronglyDeclined: number;
  answerable: number;
  unanswerable: number;
  misses: { q: string; expected: string; got: string[]; answered: boolean }[];
}

/** Scores a system; `matches` says whether a source is the expected passage. */
export function score(questions: EvalQuestion[], ask: (q: string) => Ranked, matches: (s: Ranked["sources"][number], t: z.infer<typeof Target>) => boolean): Scores {
  let top1 = 0;
  let top3 = 0;
  let declined = 0;
  let wrongly = 0;
  const misses: Scores["misses"] = [];
  const answerable = questions.filter((q) => q.answerable);
  const unanswerable = questions.filter((q) => !q.answerable);
  for (const q of questions) {
    const r = ask(q.q);
    if (!q.answerable) {
      if (!r.answered) declined++;
      else misses.push({ q: q.q, expected: "(decline)", got: r.sources.slice(0, 3).map((s) => `${s.document} ${s.label ?? s.text.slice(0, 40)}`), answered: true });
      continue;
    }
    const targets = [{ doc: q.doc!, label: q.label! }, ...(q.also ?? [])];
    const hitAt = r.answered ? r.sources.findIndex((s) => targets.some((t) => matches(s, t))) : -1;
    if (!r.answered) wrongly++;
    if (hitAt === 0) top1++;
    if (hitAt >= 0 && hitAt < 3) top3++;
    if (hitAt !== 0) misses.push({ q: q.q, expected: `${q.doc} ${q.label}`, got: r.sources.slice(0, 3).map((s) => `${s.document} ${s.label ?? s.text.slice(0, 40)}`), answered: r.answered });
  }
  const a = answerable.length || 1;
  return {
    top1: top1 / a,
    top3: top3 / a,
    declined: declined / (unanswerable.length || 1),
    wronglyDeclined: wrongly / a,
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    misses,
  };
}

/** The bot's retrieval over the labelled corpus. */
export function botSystem(corpus = loadCorpus()) {
  const index = new KnowledgeIndex(corpus.documents, corpus.passages);
  const ask = (q: string): Ranked => {
    const { answer } = answerQuestion(index, q);
    return { answered: answer.answered, sources: answer.sources.map((s) => ({ document: s.document, label: s.label, text: s.text })) };
  };
  const matches = (s: Ranked["sources"][number], t: { doc: string; label: string }) => s.document === t.doc && s.label === t.label;
  return { index, ask, matches };
}

const norm = (s: string) => s.toLowerCase().replace(/<[^>]+>/g, "").replace(/[^a-z0-9]+/g, "");

/** The baseline: MiniSearch with default options over paragraphs split at blank lines. */
export function baselineSystem(corpus = loadCorpus()) {
  const rows: { id: number; document: string; text: string }[] = [];
  for (const [slug, text] of corpus.raw) {
    for (const para of text.split(/\n\s*\n/)) if (para.trim()) rows.push({ id: rows.length + 1, document: slug, text: para.trim() });
  }
  const search = new MiniSearch<{ id: number; document: string; text: string }>({ fields: ["text"], storeFields: ["document", "text"] });
  search.addAll(rows);
  const passageText = new Map<string, string[]>();
  for (const p of corpus.passages) {
    const key = `${p.documentSlug} ${p.label}`;
    passageText.set(key, [...(passageText.get(key) ?? []), norm(p.text)]);
  }
  const ask = (q: string): Ranked => {
    const res = search.search(q);
    return { answered: res.length > 0, sources: res.slice(0, 10).map((r) => ({ document: r["document"] as string, text: r["text"] as string })) };
  };
  // A naive paragraph counts as the passage when one contains the start of the other.
  const matches = (s: Ranked["sources"][number], t: { doc: string; label: string }) => {
    if (s.document !== t.doc) return false;
    const b = norm(s.text);
    if (b.length < 15) return false;
    return (passageText.get(`${t.doc} ${t.label}`) ?? []).some((p) => p.length >= 15 && (p.includes(b.slice(0, 60)) || b.includes(p.slice(0, 60))));
  };
  return { ask, matches, size: rows.length, search };
}
