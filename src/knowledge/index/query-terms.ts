/**
 * A question's words as search terms, each with its alternatives: the Snowball stem; the field's
 * acronyms both ways; WordNet synonyms and derivationally related forms of the word's two most
 * frequent senses (weighted below the word itself, and only those the documents contain); and for
 * a word neither the documents nor WordNet know (a typing error), the nearest word of the
 * documents by the search library's fuzzy and prefix matching.
 */
import MiniSearch from "minisearch";
import type { Acronyms } from "./acronyms.ts";
import { isStopWord, stem, words } from "./terms.ts";
import type { WordNet } from "./wordnet.ts";

/** One word of the question and the terms that stand for it. */
export interface QueryGroup {
  /** as typed, lower case */
  word: string;
  /** the term searched first (stem, or acronym) */
  primary: string;
  /** term → weight (< 1) for search and coverage; the primary weighs 1 */
  alternatives: Map<string, number>;
  /** an acronym is covered by itself only, not by one word of its expansion */
  acronym: boolean;
  /** how the word was read */
  via: "exact" | "wordnet" | "fuzzy" | "unknown";
}

/** What the question reader needs from the index. */
export interface Vocabulary {
  /** how many passages have the term */
  df(term: string): number;
  /** the corpus word nearest to a word the corpus does not have, by fuzzy or prefix match */
  nearestWord(word: string): string | undefined;
}

/** Weight of a synonym of the word's most frequent sense; the next sense weighs less. */
export const SYNONYM_WEIGHT = [0.3, 0.2] as const;
/** Weight of a derivationally related form ("inspection" → "inspect"). */
export const RELATED_WEIGHT = 0.6;
/** Weight of a fuzzy or prefix correction of a word nobody knows. */
export const CORRECTION_WEIGHT = 0.9;

/** Reads questions into groups; caches WordNet look-ups per word. */
export class QueryReader {
  private readonly cache = new Map<string, { synonyms: [string, number][] }>();
  private capitals = new Set<string>();

  private readonly vocabulary: Vocabulary;
  private readonly acronyms: Acronyms;
  private readonly wordnet: WordNet | undefined;

  constructor(vocabulary: Vocabulary, acronyms: Acronyms, wordnet: WordNet | undefined) {
    this.vocabulary = vocabulary;
    this.acronyms = acronyms;
    this.wordnet = wordnet;
  }

  /** The groups of a question (stop words, counters and lone letters left out). */
  groups(question: string): QueryGroup[] {
    const raw = words(question.replace(/\b(?:19|20)\d{2}\b/g, " $& "));
    // a short word typed in capitals (PNR, VAT) is an acronym the documents may lack, not a slip
    this.capitals = new Set([...question.matchAll(/\b[A-Z]{2,5}s?\b/g)].map((m) => m[0].toLowerCase()));
    const out: QueryGroup[] = [];
    const seen = new Set<string>();
    for (const w of raw) {
      if (isStopWord(w)) continue;
      // numerals of labels are looked up as labels; a lone letter is a counter or a slip
      if (/^\d{1,3}$/.test(w) || w.length === 1) continue;
      const g = this.group(w);
      if (!g || seen.has(g.primary)) continue;
      seen.add(g.primary);
      out.push(g);
    }
    // words that spell out an acronym ("customs information system") also find the acronym
    const primaries = out.map((g) => g.primary);
    for (const acronym of this.acronyms.inStems(primaries)) {
      const stems = this.acronyms.expansions.get(acronym)!;
      for (const g of out) if (stems.includes(g.primary)) g.alternatives.set(acronym, Math.max(g.alternatives.get(acronym) ?? 0, 0.8));
    }
    return out;
  }

  private group(w: string): QueryGroup | undefined {
    const acronym = this.acronyms.acronymOf(w);
    if (acronym) {
      const expansion = this.acronyms.expansions.get(acronym)!;
      const alternatives = new Map<string, number>();
      for (const s of expansion) if (s !== acronym) alternatives.set(s, 1 / Math.max(2, expansion.length));
      return { word: w, primary: acronym, alternatives, acronym: true, via: "exact" };
    }
    const s = stem(w);
    const known = this.vocabulary.df(s) > 0;
    const alternatives = new Map<string, number>();
    const fromWordNet = this.wordNetAlternatives(w);
    for (const [t, weight] of fromWordNet) if (t !== s && this.vocabulary.df(t) > 0) alternatives.set(t, Math.max(alternatives.get(t) ?? 0, weight));
    if (known) return { word: w, primary: s, alternatives, acronym: false, via: "exact" };
    if (alternatives.size > 0) return { word: w, primary: s, alternatives, acronym: false, via: "wordnet" };
    // a word WordNet knows but no document has ("budget", "Vienna") says the question is about
    // something else; only a word nobody knows is a typing error to correct
    const english = fromWordNet.length > 0 || (this.wordnet?.knows(w) ?? false);
    // short words are slips of question words as often as of topics ("wat", "whta"): corrected
    // even when WordNet knows them, unless typed in capitals as an acronym
    const short = w.length <= 4 && !this.capitals.has(w);
    if ((!english || short) && /^[a-z]{3,}$/.test(w)) {
      const near = this.vocabulary.nearestWord(w);
      if (near && isStopWord(near)) return undefined; // "whta" is "what"
      if (near && !english) {
        const ns = stem(near);
        if (this.vocabulary.df(ns) > 0) return { word: w, primary: ns, alternatives, acronym: false, via: "fuzzy" };
      }
    }
    return { word: w, primary: s, alternatives, acronym: false, via: "unknown" };
  }

  /** Stems of WordNet synonyms and related forms of a word, with their weights. */
  private wordNetAlternatives(w: string): [string, number][] {
    if (!this.wordnet || !/^[a-z]{3,}$/.test(w)) return [];
    let hit = this.cache.get(w);
    if (!hit) {
      const found = new Map<string, number>();
      const add = (word: string, weight: number) => {
        for (const part of words(word)) if (!isStopWord(part)) found.set(stem(part), Math.max(found.get(stem(part)) ?? 0, weight));
      };
      for (const sense of this.wordnet.senses(w, SYNONYM_WEIGHT.length)) {
        add(sense.lemma, 1);
        for (const syn of sense.synonyms) add(syn, SYNONYM_WEIGHT[sense.rank] ?? 0);
        for (const rel of sense.related) add(rel, RELATED_WEIGHT);
      }
      // the base form of the word itself (bought → buy) counts as the word
      hit = { synonyms: [...found].map(([t, weight]) => [t, weight === 1 ? 0.95 : weight]) };
      if (this.cache.size > 20_000) this.cache.clear();
      this.cache.set(w, hit);
    }
    return hit.synonyms;
  }
}

/** The corpus words as a fuzzy and prefix search (MiniSearch), for words nobody knows. */
export class WordFinder {
  private readonly search = new MiniSearch<{ id: number; w: string }>({ fields: ["w"], storeFields: ["w"] });
  private readonly cache = new Map<string, string | undefined>();

  constructor(vocabulary: Iterable<string>) {
    let id = 0;
    this.search.addAll([...vocabulary].filter((w) => /^[a-z]{3,}$/.test(w)).map((w) => ({ id: id++, w })));
  }

  /** The nearest word: fuzzy within a fifth of the word's length, else the most likely completion of a prefix ("strat" → strategy). */
  nearest(word: string): string | undefined {
    if (this.cache.has(word)) return this.cache.get(word);
    // a short word is mistyped by two letters as easily as a long one by a quarter of them ("whta")
    const fuzzy = this.search.search(word, { fuzzy: word.length <= 4 ? 2 : 0.25, prefix: false });
    let best = fuzzy[0]?.["w"] as string | undefined;
    if (!best && word.length >= 4) best = this.search.search(word, { prefix: true })[0]?.["w"] as string | undefined;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(word, best);
    return best;
  }
}
