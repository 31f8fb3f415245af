/**
 * The search index over all passages: MiniSearch (BM25 with fuzzy matching) over the passage
 * text, its headings, its label and its document, plus what this domain needs on top: label
 * look-ups, documents named by year, acronyms, list answers and a confidence below which the bot
 * declines. Pure: built from rows, no I/O.
 */
import MiniSearch, { type SearchResult } from "minisearch";
import type { DocumentKind } from "./document-metadata.ts";
import { PREAMBLE_LABEL } from "./label-passages.ts";
import { isDeadlineQuestion, isListQuestion, isPurposeQuestion, labelMarkers, labelRefs, labelWords, referencedDocuments, type LabelRef } from "./question-refs.ts";
import { ACRONYMS, acronymsInStems, editDistance, expandAcronyms, isStopWord, rewritePhrases, stem, QUESTION_WORDS, synonymStems, synonymsOf, terms, words } from "./text-terms.ts";

/** A document as the index needs it. */
export interface IndexDocument {
  slug: string;
  title: string;
  year: number | null;
  kind: DocumentKind;
}

/** A passage as the index needs it. */
export interface IndexPassage {
  id: number;
  documentSlug: string;
  ord: number;
  label: string;
  headings: string[];
  text: string;
}

/** One passage found for a question, best first. */
export interface Hit {
  passage: IndexPassage;
  document: IndexDocument;
  /** 0..1: how much of the question the passage answers */
  score: number;
}

/** What the index makes of a question. */
export interface SearchOutcome {
  answered: boolean;
  /** best first; when `answered` is false, the nearest passages (possibly none) */
  hits: Hit[];
  /** for "list" questions: the items of the list the best passage belongs to, in order */
  list?: Hit[];
  /** the passage that introduces the list ("... the following strategic objectives:") */
  listLead?: Hit;
  /** how the answer was found, for logs and the evaluation */
  via: "label" | "search" | "none";
  confidence: number;
}

/** Tuning, documented in docs/knowledge.md. */
export const THRESHOLDS = {
  /** share of the question's weighted terms the best passage must contain */
  minCoverage: 0.55,
  /** coverage needed when the question has a single content term */
  minCoverageSingle: 1,
  /** how many hits an answer offers */
  sources: 4,
} as const;

const FIELDS = ["text", "headings", "label"] as const;
const BOOST = { text: 1, headings: 0.5, label: 1.2 };

interface Entry extends IndexPassage {
  markers: string[];
  /** " iv 3 a ii ": the label's tokens, for matching a label typed in full */
  labelTokens: string;
  /** adjacent term pairs of text and headings, for the phrase bonus */
  pairs: Set<string>;
  /** every term of the passage (text, headings, label, document), for coverage */
  termSet: Set<string>;
  labelWordSet: Set<string>;
}

/** The index. Build once per process and reuse; rebuild after an import. */
export class KnowledgeIndex {
  private readonly search: MiniSearch<{ id: number; text: string; headings: string; label: string }>;
  private readonly entries = new Map<number, Entry>();
  private readonly byDoc = new Map<string, Entry[]>();
  private readonly docs = new Map<string, IndexDocument>();
  private readonly df = new Map<string, number>();
  private readonly labelVocabulary = new Set<string>();
  /** last counter of a label → passages, for label look-ups */
  private readonly byLastMarker = new Map<string, Entry[]>();
  private readonly byDocLastMarker = new Map<string, Entry[]>();
  /** label tokens (" ii 1 c for the ccwp d ") → passages, for labels typed in full */
  private readonly byLabelTokens = new Map<string, Entry[]>();
  /** title term → documents whose title has it */
  private readonly titleTerms = new Map<string, string[]>();
  /** every word of the corpus with its frequency, for correcting typing errors */
  private readonly vocabulary = new Map<string, number>();
  private readonly byLength = new Map<number, string[]>();
  private readonly corrections = new Map<string, string>();
  private stemsByLength: Map<number, string[]> | undefined;
  private readonly stemCorrections = new Map<string, string>();
  private readonly expansions: [string, string[]][] = Object.entries(ACRONYMS)
    .map(([a, e]): [string, string[]] => [a, terms(e)])
    .filter(([, e]) => e.length >= 2);
  readonly size: number;

  constructor(documents: readonly IndexDocument[], passages: readonly IndexPassage[]) {
    for (const d of documents) {
      this.docs.set(d.slug, d);
      for (const t of new Set(terms(d.title))) {
        const list = this.titleTerms.get(t);
        if (list) list.push(d.slug);
        else this.titleTerms.set(t, [d.slug]);
      }
    }
    this.search = new MiniSearch({
      fields: [...FIELDS],
      idField: "id",
      tokenize: (text) => text.split(/\s+/),
      processTerm: (t) => t || null,
      searchOptions: {
        tokenize: (text) => text.split(/\s+/).filter(Boolean),
        processTerm: (t) => t,
      },
    });
    const rows = [];
    const sorted = [...passages].sort((a, b) => (a.documentSlug === b.documentSlug ? a.ord - b.ord : a.documentSlug < b.documentSlug ? -1 : 1));
    for (const p of sorted) {
      const doc = this.docs.get(p.documentSlug);
      if (!doc) continue;
      const tokens = p.label.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
      const entry: Entry = { ...p, markers: labelMarkers(p.label), labelTokens: tokens.length >= 2 ? ` ${tokens.join(" ")} ` : "", labelWordSet: new Set(labelWords(p.label)), pairs: new Set(), termSet: new Set() };
      for (const w of entry.labelWordSet) this.labelVocabulary.add(w);
      const last = entry.markers.at(-1);
      if (last) {
        const list = this.byLastMarker.get(last);
        if (list) list.push(entry);
        else this.byLastMarker.set(last, [entry]);
        const key = `${p.documentSlug}\u0000${last}`;
        const docList = this.byDocLastMarker.get(key);
        if (docList) docList.push(entry);
        else this.byDocLastMarker.set(key, [entry]);
      }
      if (entry.labelTokens && entry.markers.length > 0) {
        const list = this.byLabelTokens.get(entry.labelTokens);
        if (list) list.push(entry);
        else this.byLabelTokens.set(entry.labelTokens, [entry]);
      }
      this.entries.set(p.id, entry);
      const list = this.byDoc.get(p.documentSlug) ?? [];
      list.push(entry);
      this.byDoc.set(p.documentSlug, list);
      const textWords = words(rewritePhrases(p.text));
      const textStems = textWords.filter((w) => !isStopWord(w)).map(stem);
      const headingText = p.headings.join(" ");
      const headingStems = terms(headingText);
      const text = [...textStems, ...acronymsInStems(textStems)];
      const headings = [...headingStems, ...acronymsInStems(headingStems)];
      const label = terms(p.label.replace(/[.()]/g, " "));
      for (const seq of [textStems, terms(p.headings.at(-1) ?? "")]) for (let i = 1; i < seq.length; i++) entry.pairs.add(`${seq[i - 1]} ${seq[i]}`);
      entry.termSet = new Set([...text, ...headings, ...label, ...docTermsOf(doc)]);
      for (const t of new Set([...text, ...headings, ...label])) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      for (const w of textWords) this.vocabulary.set(w, (this.vocabulary.get(w) ?? 0) + 1);
      for (const w of words(headingText)) this.vocabulary.set(w, (this.vocabulary.get(w) ?? 0) + 1);
      rows.push({ id: p.id, text: text.join(" "), headings: headings.join(" "), label: label.join(" ") });
    }
    for (const d of documents) for (const w of words(d.title)) this.vocabulary.set(w, (this.vocabulary.get(w) ?? 0) + 1);
    for (const w of this.vocabulary.keys()) {
      const list = this.byLength.get(w.length) ?? [];
      list.push(w);
      this.byLength.set(w.length, list);
    }
    this.search.addAll(rows);
    this.size = rows.length;
  }

  /** Answers `question`, or says it cannot, with the nearest passages either way. */
  ask(typed: string): SearchOutcome {
    const question = rewritePhrases(typed);
    const refDocs = referencedDocuments(question, [...this.docs.values()]);
    const refSet = new Set(refDocs);
    const inScope = (slug: string) => refSet.size === 0 || refSet.has(slug);
    const groups = this.queryGroups(question);
    // Words that named the document ("the 2012 strategy") have done their work: searched, they
    // would find "2012/C 5/011" in a cover note, and on a large index walk every strategy.
    let searchGroups = refDocs.length > 0 ? groups.filter((g) => !this.docNaming(g[0]!)) : groups;
    // "tell me about the 2012 strategy", "what is the 1997 programme for": the document named and
    // nothing else asked is a question about its purpose
    if (refDocs.length > 0 && searchGroups.length === 0) {
      groups.push(PURPOSE_GROUP);
      searchGroups = [PURPOSE_GROUP, ...groups.filter((g) => DOC_KIND_STEMS.has(g[0]!))];
    }
    // Terms in a large share of passages barely change the ranking but make every search walk
    // most of the index; the search uses the rarer ones (coverage still counts them all).
    const all = [...new Set(searchGroups.flat())];
    const common = (t: string) => (this.df.get(t) ?? 0) > COMMON_SHARE * this.size;
    const rare = all.filter((t) => !common(t));
    const byRarity = (a: string, b: string) => (this.df.get(a) ?? 0) - (this.df.get(b) ?? 0);
    // on a large index: the rarest few terms find the candidates; coverage re-ranks them on all
    const flat =
      this.size < LARGE_INDEX
        ? all
        : rare.length > 0
          ? [...rare].sort(byRarity).slice(0, LARGE_INDEX_TERMS)
          : []; // every word is in thousands of passages: only a label look-up can answer
    // An acronym's expansion helps find the passage but must not outweigh the acronym itself.
    const primary = new Set(groups.map((g) => g[0]!));
    const expansionWeight = new Map<string, number>();
    for (const g of groups) for (const t of g.slice(1)) if (!primary.has(t)) expansionWeight.set(t, Math.min(expansionWeight.get(t) ?? 1, 1 / (g.length - 1)));
    const docBoost = this.titleBoost(question);
    const results = flat.length
      ? this.phraseBoost(groups, this.search.search(flat.join(" "), {
          boost: BOOST,
          combineWith: "OR",
          ...(refDocs.length > 0 ? { filter: (r: SearchResult) => inScope(this.entries.get(r.id as number)!.documentSlug) } : {}),
          boostTerm: (term) => expansionWeight.get(term) ?? 1,
        }).slice(0, 200).map((r) => {
          // the cover note and preamble rarely answer; a document named by its title words does
          const e = this.entries.get(r.id as number)!;
          const w = (e.label === PREAMBLE_LABEL ? 0.6 : 1) * (docBoost.get(e.documentSlug) ?? 1) * (this.docTermsMatch(e, groups) ? 1.15 : 1);
          return w === 1 ? r : { ...r, score: r.score * w };
        }).sort((a, b) => b.score - a.score))
      : [];

    const labelHits = this.labelLookup(labelRefs(question), question, inScope, results, refDocs);
    if (labelHits.length > 0) {
      const hits = labelHits.slice(0, THRESHOLDS.sources);
      return this.withList(question, { answered: true, hits, via: "label", confidence: 1 });
    }

    if (results.length === 0) return { answered: false, hits: [], via: "none", confidence: 0 };
    // Re-rank the head by how much of the question each passage covers (rare words weigh more).
    const head = results.slice(0, 20).map((r) => {
      const c = this.coverage(groups, r);
      return { ...r, score: r.score * (0.4 + c) ** 2, c };
    });
    head.sort((a, b) => b.score - a.score);
    // only the head is offered as sources; the rest is dropped (a large index matches thousands)
    results.splice(0, results.length, ...head);
    const top = results[0]!;
    const confidence = head[0]!.c;
    const needed = groups.length <= 1 ? THRESHOLDS.minCoverageSingle : THRESHOLDS.minCoverage;
    const ranked = this.rank(results, confidence, question);
    const hits = ranked.slice(0, THRESHOLDS.sources);
    const answered = confidence >= needed;
    return this.withList(question, { answered, hits, via: answered ? "search" : "none", confidence }, ranked.slice(0, LIST_POOL));
  }

  /** Passages with this label in this document (all paragraphs of a section), in order. */
  passagesByLabel(documentSlug: string, label: string): IndexPassage[] {
    return (this.byDoc.get(documentSlug) ?? []).filter((e) => e.label === label);
  }

  /** The words of the question, each with its alternatives (stem, acronym expansion). */
  private queryGroups(question: string): string[][] {
    const raw = words(question.replace(/\b(?:19|20)\d{2}\b/g, " $& "));
    // a short word typed in capitals (PNR, VAT) is an acronym the documents may lack, not a slip
    const capitals = new Set([...question.matchAll(/\b[A-Z]{2,5}s?\b/g)].map((m) => m[0].toLowerCase()));
    const groups: string[][] = [];
    for (const typed of raw) {
      if (isStopWord(typed) && !ACRONYM_STOP.has(typed)) continue;
      // a four-letter slip of a question word ("waht", "whta") is not a topic either
      if (typed.length === 4 && !this.vocabulary.has(typed) && !synonymsOf(typed) && !ACRONYMS[typed] && this.nearStopWord(typed)) continue;
      const w = synonymsOf(typed) ? typed : this.correct(typed);
      if (w !== typed && isStopWord(w)) continue;
      // a short word no document knows is a slip of the keyboard ("wat", "teh"), not a topic
      if (w.length <= 3 && !this.vocabulary.has(w) && !ACRONYMS[w] && !capitals.has(typed)) continue;
      const g = [this.correctStem(w), ...expandAcronyms([w]), ...synonymStems(w)];
      // numerals of labels are looked up as labels; a lone counter adds nothing to the text search
      if (/^\d{1,3}$/.test(w) || (w.length === 1 && /[a-z]/.test(w))) continue;
      const group = [...new Set(g)];
      // an acronym is covered by itself (indexed wherever its expansion is written out), not by
      // any one word of its expansion: "customs" alone does not answer for "CCWP"
      if (ACRONYMS[w]) COVER.set(group, [group[0]!, ...synonymStems(w)]);
      groups.push(group);
    }
    // Words that spell out an acronym ("customs information system") also find the acronym (CIS).
    const firsts = groups.map((g) => g[0]!);
    for (const [acronym, stems] of this.expansions) {
      for (let i = 0; i + stems.length <= firsts.length; i++) {
        if (stems.every((st, k) => firsts[i + k] === st)) for (let k = 0; k < stems.length; k++) groups[i + k]!.push(acronym);
      }
    }
    if (isDeadlineQuestion(question)) groups.push(["deadlin"]);
    if (isPurposeQuestion(question) && !groups.some((g) => g.includes(PURPOSE_GROUP[0]!))) groups.push(PURPOSE_GROUP);
    return groups;
  }

  /**
   * Words the question puts side by side ("information management", "risk analysis") that a
   * passage also has side by side raise it: BM25 alone ignores word order.
   */
  private phraseBoost(groups: string[][], results: SearchResult[]): SearchResult[] {
    const pairs: string[] = [];
    for (let i = 1; i < groups.length; i++) pairs.push(`${groups[i - 1]![0]} ${groups[i]![0]}`);
    if (pairs.length === 0) return results;
    const head = results.slice(0, 50).map((r) => {
      const e = this.entries.get(r.id as number)!;
      const n = pairs.filter((p) => e.pairs.has(p)).length;
      return n > 0 ? { ...r, score: r.score * (1 + PHRASE_BONUS * n) } : r;
    });
    head.sort((a, b) => b.score - a.score);
    return [...head, ...results.slice(50)];
  }

  private docNaming(t: string): boolean {
    return /^(?:19|20)\d{2}$/.test(t) || DOC_KIND_STEMS.has(t);
  }

  /** Whether the question names the passage's document by kind or year ("the resolution", "2012"). */
  private docTermsMatch(e: Entry, groups: string[][]): boolean {
    const doc = this.docs.get(e.documentSlug)!;
    return groups.some((g) => g[0] === doc.kind || (doc.year !== null && g[0] === String(doc.year)));
  }

  /**
   * Documents named by distinctive words of their title ("the revised strategy", "the reinforced
   * strategy"): their passages weigh more. A word in every title names none.
   */
  private titleBoost(question: string): Map<string, number> {
    const boost = new Map<string, number>();
    const limit = Math.max(1, Math.floor(this.docs.size / 3));
    const counted = new Map<string, number>();
    for (const w of new Set(terms(question))) {
      const slugs = this.titleTerms.get(w);
      if (!slugs || slugs.length > limit) continue;
      for (const slug of slugs) counted.set(slug, (counted.get(slug) ?? 0) + 1);
    }
    for (const [slug, n] of counted) boost.set(slug, 1 + 0.4 * Math.min(n, 2));
    return boost;
  }

  /** The stem of a word, or the nearest stem the corpus has when the word was mistyped beyond repair ("ratifcation" → "ratif"). */
  private correctStem(w: string): string {
    const s = stem(w);
    if (this.df.has(s) || s.length < 5 || this.vocabulary.has(w) || /\d/.test(s)) return s;
    const cached = this.stemCorrections.get(s);
    if (cached !== undefined) return cached;
    const best = this.nearestStem(s);
    if (this.stemCorrections.size > 10_000) this.stemCorrections.clear();
    this.stemCorrections.set(s, best);
    return best;
  }

  private nearestStem(s: string): string {
    this.stemsByLength ??= groupByLength([...this.df.keys()]);
    let best = s;
    for (let len = s.length - 1; len <= s.length + 1; len++) {
      for (const v of this.stemsByLength.get(len) ?? []) if (editDistance(s, v, 1) <= 1 && (best === s || (this.df.get(v) ?? 0) > (this.df.get(best) ?? 0))) best = v;
    }
    return best;
  }

  private nearStopWord(w: string): boolean {
    for (const s of QUESTION_WORDS) if (editDistance(w, s, 1) <= 1) return true;
    return false;
  }

  /** The corpus word nearest to a word the corpus does not know ("informaton" → "information"). */
  private correct(w: string): string {
    // a word whose stem the corpus knows is another form of a known word ("revising"), not a slip
    if (w.length < 5 || this.vocabulary.has(w) || ACRONYMS[w] || /\d/.test(w) || this.df.has(stem(w))) return w;
    const cached = this.corrections.get(w);
    if (cached) return cached;
    const max = w.length >= 8 ? 2 : 1;
    let best = w;
    let bestD = max + 1;
    let bestF = 0;
    for (let len = w.length - max; len <= w.length + max; len++) {
      for (const v of this.byLength.get(len) ?? []) {
        const d = editDistance(w, v, max);
        const f = this.vocabulary.get(v)!;
        // two slips in a word rarely include its first letter: "sanctions" is not "actions"
        if (d === 2 && v[0] !== w[0]) continue;
        if (d <= max && (d < bestD || (d === bestD && f > bestF))) {
          best = v;
          bestD = d;
          bestF = f;
        }
      }
    }
    if (this.corrections.size > 10_000) this.corrections.clear();
    this.corrections.set(w, best);
    return best;
  }

  /**
   * Weighted share of the question's words found in a result: rare words weigh more, a word
   * unknown to every document weighs most, so "budget" or "Vienna" sinks an answer that only
   * matched "CCWP".
   */
  private coverage(groups: string[][], r: SearchResult): number {
    const matched = this.entries.get(r.id as number)!.termSet;
    const n = this.size;
    const idf = (t: string) => {
      const df = this.df.get(t) ?? 0;
      return Math.log(1 + (n - df + 0.5) / (df + 0.5));
    };
    let total = 0;
    let got = 0;
    for (const group of groups) {
      if (group.length === 1 && group[0] === "deadlin") continue; // a hint, not a requirement
      const g = COVER.get(group) ?? group;
      const known = g.filter((t) => this.df.has(t));
      // a number no passage has (a year, "2025") says the question is about something else
      const w = known.length ? Math.max(...known.map(idf)) : idf("\u0000unknown") * (/^\d+$/.test(g[0]!) ? 2 : 1);
      total += w;
      if (g.some((t) => matched.has(t))) got += w;
    }
    return total === 0 ? 0 : got / total;
  }

  private rank(results: SearchResult[], confidence: number, _question: string): Hit[] {
    const top = results[0]?.score ?? 1;
    const hits: Hit[] = [];
    for (const r of results) {
      const e = this.entries.get(r.id as number)!;
      hits.push({ passage: e, document: this.docs.get(e.documentSlug)!, score: round((r.score / top) * confidence) });
      if (hits.length >= THRESHOLDS.sources * 3) break;
    }
    return hits;
  }

  /**
   * Passages whose label ends with the counters the question names, in the documents it names;
   * words of the label said in the question ("timetable", "hereby resolves") and the text search
   * break ties.
   */
  private labelLookup(refs: LabelRef[], question: string, inScope: (slug: string) => boolean, results: SearchResult[], refDocs: string[]): Hit[] {
    const qTokens = ` ${question.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).join(" ")} `;
    const exact = (e: Entry) => e.labelTokens !== "" && e.markers.length > 0 && qTokens.includes(e.labelTokens);
    // only a question with a counter in it (a digit, "IV.", "d)") can type a label in full
    const exactHits: Entry[] = [];
    if (/\d|\b[ivxlc]{1,4}\b\s*[.)]|\b[a-z]\)/i.test(question)) {
      const toks = qTokens.trim().split(" ");
      for (let i = 0; i < toks.length; i++) {
        for (let n = 2; n <= 12 && i + n <= toks.length; n++) {
          for (const e of this.byLabelTokens.get(` ${toks.slice(i, i + n).join(" ")} `) ?? []) if (inScope(e.documentSlug) && exact(e)) exactHits.push(e);
        }
      }
    }
    if (refs.length === 0 && exactHits.length === 0) return [];
    const qWords = new Set(words(question));
    // "recital 3" is how delegates name the numbered considerations of a resolution
    if (qWords.has("recital") || qWords.has("recitals")) for (const w of ["recognising", "recalling", "whereas", "considering"]) qWords.add(w);
    const textScore = new Map<number, number>();
    const best = results[0]?.score ?? 1;
    for (const r of results) textScore.set(r.id as number, r.score / best);
    const scored: { e: Entry; s: number }[] = [];
    for (const ref of refs) {
      const last = ref.markers.at(-1)!;
      // "Article 36 Committee", "Article 29 TEU": articles of other texts when no label here is one
      if (ref.context.at(-1)?.startsWith("article") && !this.labelVocabulary.has("article")) continue;
      // named documents: only their passages; otherwise every label ending with the counter
      const candidates = refDocs.length > 0 ? refDocs.flatMap((slug) => this.byDocLastMarker.get(`${slug}\u0000${last}`) ?? []) : (this.byLastMarker.get(last) ?? []);
      for (const e of candidates) {
        if (!inScope(e.documentSlug) || e.markers.length < ref.markers.length) continue;
        let same = true;
        for (let k = 1; k <= ref.markers.length && same; k++) same = e.markers[e.markers.length - k] === ref.markers[ref.markers.length - k];
        if (!same) continue;
        let s = 10 + ref.markers.length * 3;
        if (e.markers.length === ref.markers.length) s += 4;
        // "(5)" typed as the document writes it points at "2.(5)" rather than section 5
        if (ref.parenthesised && e.label.toLowerCase().endsWith(`(${last})`)) s += 8;
        for (const w of e.labelWordSet) if (qWords.has(w)) s += 3;
        // "action 22" points at numbered actions; a paragraph label with words needs them said
        if (e.labelWordSet.size > 0 && ![...e.labelWordSet].some((w) => qWords.has(w)) && ref.markers.length === 1) s -= 2;
        s += 4 * (textScore.get(e.id) ?? 0);
        scored.push({ e, s });
      }
    }
    // the whole label typed as written ("II.1 C For the CCWP d)") beats any partial reading
    // ... unless the question names more counters than it ("II.1 C d)" is not "II.1 C")
    const longest = Math.max(0, ...exactHits.map((e) => e.label.length));
    const mostCounters = Math.max(0, ...refs.map((r) => r.markers.length));
    for (const e of exactHits) if (e.label.length === longest && e.markers.length >= mostCounters) scored.push({ e, s: 100 + 4 * (textScore.get(e.id) ?? 0) });
    if (scored.length === 0) return [];
    scored.sort((a, b) => b.s - a.s || a.e.ord - b.e.ord);
    // Several passages can share a label (a section's paragraphs): keep the first of each.
    const seen = new Set<string>();
    const hits: Hit[] = [];
    const top = scored[0]!.s;
    for (const { e, s } of scored) {
      if (hits.length >= THRESHOLDS.sources * 3) break;
      const key = `${e.documentSlug}\u0000${e.label}`;
      if (seen.has(key)) continue;
      seen.add(key);
      hits.push({ passage: e, document: this.docs.get(e.documentSlug)!, score: round(s / top) });
    }
    return hits;
  }

  /** For list questions: the items under the best passage, or the list it belongs to. */
  private withList(question: string, outcome: SearchOutcome, pool: Hit[] = outcome.hits): SearchOutcome {
    if (!outcome.answered || !isListQuestion(question)) return outcome;
    // The list whose lead-in names what was asked ("... the following strategic objectives:")
    // wins over a nearer hit that only mentions it.
    const q = new Set(terms(question));
    let best: { hit: Hit; items: Entry[]; s: number } | undefined;
    pool.forEach((hit, rank) => {
      const { items, lead } = this.listAround(hit.passage as Entry);
      if (items.length < 2) return;
      // the lead-in's last words ("... the following strategic objectives:"), or the caption the
      // items share ("Overall aims of this strategy"), say what the list is
      // (the lead-in weighs more: two lists can share a caption)
      const leadTerms = new Set(terms(lead.text.split(/[.;]\s/).at(-1) ?? "").slice(-5));
      const captionTerms = new Set(terms(items[0]!.headings.at(-1) ?? "").filter((t) => !leadTerms.has(t)));
      // what the question lists ("aims", "tasks") must be what this list is
      const names = [...q].some((t) => LIST_NOUNS.has(t) && (leadTerms.has(t) || captionTerms.has(t)));
      const s = [...leadTerms].filter((t) => q.has(t)).length * 2 + [...captionTerms].filter((t) => q.has(t)).length + (names ? 3 : 0) - rank * LIST_RANK_COST;
      if (!best || s > best.s) best = { hit: lead === hit.passage ? hit : { ...hit, passage: lead }, items, s };
    });
    if (!best) return outcome;
    const { hit, items } = best;
    return { ...outcome, listLead: hit, list: items.map((p) => ({ passage: p, document: hit.document, score: hit.score })) };
  }

  /** The list a passage introduces (its children) or belongs to (its siblings), with the passage that leads it in. */
  private listAround(e: Entry): { items: Entry[]; lead: Entry } {
    const all = this.byDoc.get(e.documentSlug) ?? [];
    const children = (parent: Entry) => {
      const start = all.indexOf(parent);
      const out: Entry[] = [];
      for (let i = start + 1; i < all.length; i++) {
        const c = all[i]!;
        if (c.label === parent.label) {
          if (out.length > 0) break;
          continue;
        }
        if (!c.label.startsWith(parent.label) || c.markers.length <= parent.markers.length) break;
        // an item's label ends with its counter; "II.1 B For the CCWP and the Commission" is a sub-heading
        if (c.markers.length === parent.markers.length + 1 && endsWithCounter(c.label) && !out.some((o) => o.label === c.label)) out.push(c);
      }
      return out;
    };
    const own = children(e);
    if (own.length >= 2) return { items: own, lead: e };
    // an item: its siblings under the same parent
    const at = all.indexOf(e);
    let parentIdx = -1;
    for (let i = at - 1; i >= 0; i--) {
      const p = all[i]!;
      if (p.markers.length === e.markers.length - 1 && e.label.startsWith(p.label)) {
        parentIdx = i;
        break;
      }
    }
    if (parentIdx >= 0) return { items: children(all[parentIdx]!), lead: all[parentIdx]! };
    return { items: [], lead: e };
  }
}

const endsWithCounter = (label: string) => labelMarkers(label.split(/\s+/).at(-1) ?? "").length > 0;

/** The terms that cover a question word in `coverage` when they differ from its search terms. */
const COVER = new WeakMap<string[], string[]>();

/** Acronyms that are also stop words ("IT", "US") still count when asked in capitals; none yet. */
const ACRONYM_STOP = new Set<string>();

const docTermCache = new WeakMap<IndexDocument, string[]>();
function docTermsOf(doc: IndexDocument): string[] {
  let t = docTermCache.get(doc);
  if (!t) docTermCache.set(doc, (t = [...terms(doc.title), doc.kind, ...(doc.year ? [String(doc.year)] : [])]));
  return t;
}

function groupByLength(ws: string[]): Map<number, string[]> {
  const m = new Map<number, string[]>();
  for (const w of ws) {
    const list = m.get(w.length);
    if (list) list.push(w);
    else m.set(w.length, [w]);
  }
  return m;
}

/** A term in more than this share of passages is too common to search with on a large index. */
const COMMON_SHARE = 0.03;
/** From this many passages on, common terms are left out of the search. */
const LARGE_INDEX = 5000;
/** Stems of the words that name a kind of document. */
const DOC_KIND_STEMS = new Set(["strategy", "strategies", "resolution", "resolutions", "programme", "program", "document"].map(stem));
/** What a question about a document's purpose looks for: "the purpose of the programme shall be", "the aim of this strategy". */
const PURPOSE_GROUP = ["purpose", "aim", "scope"].map(stem);
/** How many of the best hits a list question looks through for the list it asks for. */
const LIST_POOL = 8;
/** Stems of what list questions ask for ("the aims", "the tasks"). */
const LIST_NOUNS = new Set(["objectives", "aims", "tasks", "actions", "measures", "areas", "points", "principles", "activities", "recommendations", "steps", "roles"].map(stem));
/** What each place down the hits costs a list against one whose lead-in says more of the question. */
const LIST_RANK_COST = 0.75;
/** How many of the question's terms search a large index. */
const LARGE_INDEX_TERMS = 3;

/** Score multiplier per pair of question words found side by side in a passage. */
const PHRASE_BONUS = 0.35;

const round = (x: number) => Math.round(x * 1000) / 1000;
