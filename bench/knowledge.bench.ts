/**
 * Strategy answers (issue 12 goals): latency per question on the bundled corpus (p99 ≤ 5 ms) and
 * on 1,000 documents generated from the real passages (p99 ≤ 30 ms), without a model; with the
 * tests' tiny ONNX model the embedding time per question, reported apart; import of a 100-page
 * PDF (≤ 10 s); resident memory of `secretariat start` after a question (≤ 200 MB without a
 * model); index build times and the cost of seeding. In the same run, the baseline a developer
 * would pick first (MiniSearch with default options over naive blank-line paragraphs): its
 * latency and its scores on the development questions beside ours. Cold `secretariat ask` is in
 * cold-start.bench.ts.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { baselineSystem, botSystem, loadCorpus, loadQuestions, score } from "../eval/evaluate.ts";
import { answerQuestion } from "../src/knowledge/answer/answer.ts";
import { corpusSeeder } from "../src/knowledge/corpus.ts";
import { KnowledgeIndex, type IndexDocument, type IndexPassage } from "../src/knowledge/index/knowledge-index.ts";
import { knowledgeBase } from "../src/knowledge/knowledge-base.ts";
import { openStore } from "../src/store/index.ts";
import { spawn } from "node:child_process";
import { readDocument } from "../src/knowledge/import/read-document.ts";
import { loadOnnxEmbedder } from "../src/knowledge/embed/onnx-embedder.ts";
import { storeDocument } from "../src/store/documents.ts";
import { words } from "../src/knowledge/index/terms.ts";
import { lines, makePdf } from "../tests/knowledge/fixtures/make-pdf.ts";
import { writeTinyModel } from "../tests/knowledge/embed/tiny-model.ts";
import { percentile, root, round, type Figure } from "./support/measure.ts";

/** Times `fn` once per question, `rounds` times over, after one warm-up round. */
function latencies(questions: string[], fn: (q: string) => unknown, rounds = 5): number[] {
  for (const q of questions) fn(q);
  const out: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const t = performance.now();
      fn(q);
      out.push(performance.now() - t);
    }
  }
  return out;
}

/** 1,000 documents made of real passages drawn at random (seeded), with years and kinds. */
export function generatedCorpus(base: { documents: IndexDocument[]; passages: IndexPassage[] }, count = 1000): { documents: IndexDocument[]; passages: IndexPassage[] } {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const documents: IndexDocument[] = [...base.documents];
  const passages: IndexPassage[] = [...base.passages];
  let id = Math.max(...base.passages.map((p) => p.id)) + 1;
  const kinds = ["strategy", "resolution", "programme", "other"] as const;
  const topics = ["ports", "drugs", "excise", "cybercrime", "firearms", "environment", "cultural goods", "cash controls", "e-commerce", "precursors"];
  for (let d = 0; d < count - base.documents.length; d++) {
    const kind = kinds[d % kinds.length]!;
    const slug = `generated-${d + 1}`;
    documents.push({ slug, title: `Council ${kind} on ${topics[d % topics.length]} cooperation ${d + 1}`, year: 1990 + Math.floor(rand() * 40), kind });
    const n = 40 + Math.floor(rand() * 60);
    for (let i = 0; i < n; i++) {
      const src = base.passages[Math.floor(rand() * base.passages.length)]!;
      passages.push({ id: id++, documentSlug: slug, ord: i, label: src.label, headings: src.headings, text: src.text });
    }
  }
  return { documents, passages };
}

/** The knowledge figures, baseline beside each. */
export async function* knowledgeBench(): AsyncGenerator<Figure> {
  // the development questions over the bundled corpus (the test split is measured by npm run eval only)
  const questions = loadQuestions(path.join(root, "eval", "dev", "questions.yaml"));
  const qs = questions.map((q) => q.q);
  const corpus = await loadCorpus([], "dev");

  let t = performance.now();
  const bundledIndex = new KnowledgeIndex(corpus.documents, corpus.passages);
  yield { name: "knowledge_index_build_bundled_ms", value: round(performance.now() - t, 2), unit: "ms" };
  yield { name: "knowledge_bundled_passages", value: corpus.passages.length, unit: "passages" };

  const ours = latencies(qs, (q) => answerQuestion(bundledIndex, q));
  yield { name: "knowledge_ask_bundled_p50_ms", value: round(percentile(ours, 50)), unit: "ms" };
  yield { name: "knowledge_ask_bundled_p99_ms", value: round(percentile(ours, 99)), unit: "ms" };

  const base = baselineSystem(corpus);
  const theirs = latencies(qs, (q) => base.search.search(q));
  yield { name: "baseline_minisearch_defaults_ask_bundled_p50_ms", value: round(percentile(theirs, 50)), unit: "ms" };
  yield { name: "baseline_minisearch_defaults_ask_bundled_p99_ms", value: round(percentile(theirs, 99)), unit: "ms" };
  yield { name: "knowledge_ask_bundled_p99_vs_baseline_ratio", value: round(percentile(ours, 99) / percentile(theirs, 99), 2), unit: "x" };

  // quality in the same run
  const bot = botSystem(corpus);
  const s = score(questions, corpus, bot.ask, bot.matches);
  const b = score(questions, corpus, base.ask, base.matches);
  for (const [who, sc] of [["knowledge", s], ["baseline_minisearch_defaults", b]] as const) {
    yield { name: `${who}_eval_top1`, value: round(sc.top1), unit: "ratio" };
    yield { name: `${who}_eval_top3`, value: round(sc.top3), unit: "ratio" };
    yield { name: `${who}_eval_unanswerable_declined`, value: round(sc.declined), unit: "ratio" };
    yield { name: `${who}_eval_answerable_wrongly_declined`, value: round(sc.wronglyDeclined), unit: "ratio" };
  }
  yield { name: "knowledge_eval_top3_above_baseline_points", value: round((s.top3 - b.top3) * 100, 1), unit: "points" };

  // 1,000 documents
  const big = generatedCorpus(corpus);
  t = performance.now();
  const bigIndex = new KnowledgeIndex(big.documents, big.passages);
  yield { name: "knowledge_index_build_1000_docs_ms", value: round(performance.now() - t, 1), unit: "ms" };
  yield { name: "knowledge_1000_docs_passages", value: big.passages.length, unit: "passages" };
  const large = latencies(qs, (q) => answerQuestion(bigIndex, q), 2);
  yield { name: "knowledge_ask_1000_docs_p50_ms", value: round(percentile(large, 50)), unit: "ms" };
  yield { name: "knowledge_ask_1000_docs_p99_ms", value: round(percentile(large, 99)), unit: "ms" };
  const bigBase = new (base.search.constructor as typeof import("minisearch").default)({ fields: ["text"] });
  bigBase.addAll(big.passages.map((p) => ({ id: p.id, text: p.text })));
  // MiniSearch defaults walk every passage for common words (about a second a question here): 30 questions, once
  const largeBase = latencies(qs.slice(0, 30), (q) => bigBase.search(q), 1);
  yield { name: "baseline_minisearch_defaults_ask_1000_docs_p99_ms", value: round(percentile(largeBase, 99)), unit: "ms" };

  // seeding the corpus into a new database, and the first index build from the store
  const seeds: number[] = [];
  const builds: number[] = [];
  for (let i = 0; i < 3; i++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-knowledge-"));
    const store = await openStore(`file:${path.join(dir, "k.db")}`);
    try {
      t = performance.now();
      await corpusSeeder.run(store.db);
      seeds.push(performance.now() - t);
      t = performance.now();
      await (await knowledgeBase(store)).getIndex("every");
      builds.push(performance.now() - t);
    } finally {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  yield { name: "knowledge_corpus_seed_new_database_p50_ms", value: round(percentile(seeds, 50), 1), unit: "ms" };
  yield { name: "knowledge_index_first_build_from_store_p50_ms", value: round(percentile(builds, 50), 1), unit: "ms" };

  // with a model: the tests' tiny random-weight model measures the plumbing (tokenize, run, pool), not a real model's cost
  const modelDir = writeTinyModel(fs.mkdtempSync(path.join(os.tmpdir(), "bench-model-")), corpus.passages.flatMap((p) => words(p.text)));
  const embedder = await loadOnnxEmbedder(modelDir);
  const embedTimes = latencies(qs.slice(0, 40), () => undefined, 1);
  embedTimes.length = 0;
  for (const q of qs) {
    const t0 = performance.now();
    await embedder.embed([q]);
    embedTimes.push(performance.now() - t0);
  }
  yield { name: "knowledge_tiny_model_embed_question_p99_ms", value: round(percentile(embedTimes, 99)), unit: "ms" };
  await embedder.close();

  yield* pdfImport();
  yield* startMemory();
  yield { name: "load_average_1min", value: round(os.loadavg()[0]!, 2), unit: "processes" };
}

/** A 100-page register-style PDF: numbered points, a running footer, a footnote per page. */
export function hundredPagePdf(): Uint8Array {
  const pages = [];
  for (let p = 1; p <= 100; p++) {
    const body: string[] = [`${p}. Customs cooperation, part ${p}`];
    for (let i = 1; i <= 12; i++) body.push(`(${String.fromCharCode(96 + ((i - 1) % 26) + 1)}) Member States shall exchange information on risk analysis`, "and joint customs operations at the external borders of the Union.");
    pages.push([...lines(body, 780, 11, 14), { text: `1 OJ C ${p}, 7.1.2012, p. 1.`, x: 72, y: 70, size: 8 }, { text: `14649/16 JV/ab ${p}`, x: 72, y: 40, size: 9 }, { text: "DGD 1C EN", x: 450, y: 40, size: 9 }]);
  }
  return makePdf(pages);
}

async function* pdfImport(): AsyncGenerator<Figure> {
  const pdf = hundredPagePdf();
  const times: number[] = [];
  let passages = 0;
  for (let i = 0; i < 3; i++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-pdf-"));
    const store = await openStore(`file:${path.join(dir, "k.db")}`);
    try {
      const t0 = performance.now();
      const doc = await readDocument(pdf, "register-100-pages.pdf");
      await storeDocument(store.db, doc);
      times.push(performance.now() - t0);
      passages = doc.passages.length;
    } finally {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  yield { name: "knowledge_import_100_page_pdf_p50_ms", value: round(percentile(times, 50), 1), unit: "ms" };
  yield { name: "knowledge_import_100_page_pdf_max_ms", value: round(Math.max(...times), 1), unit: "ms" };
  yield { name: "knowledge_import_100_page_pdf_passages", value: passages, unit: "passages" };
}

/** `secretariat start` (console mode, no model) answers one question; then its resident and peak memory. */
async function* startMemory(): AsyncGenerator<Figure> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-start-"));
  const child = spawn(process.execPath, [path.join(root, "bin/secretariat.js"), "start"], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", DATABASE_URL: `file:${path.join(dir, "s.db")}`, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  try {
    const deadline = Date.now() + 120_000;
    const until = async (re: RegExp) => {
      while (!re.test(out)) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`secretariat start: no ${re} in ${out.slice(-300)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    await until(/\S/);
    child.stdin.write("what does 3.a(ii) say?\n");
    await until(/Risk Analysis Coordination Mechanism/);
    const status = fs.readFileSync(`/proc/${child.pid}/status`, "utf8");
    const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
    yield { name: "start_rss_after_question_mb", value: round(kb("VmRSS") / 1024, 1), unit: "MB" };
    yield { name: "start_peak_rss_mb", value: round(kb("VmHWM") / 1024, 1), unit: "MB" };
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("close", r));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
