/**
 * How text becomes search terms, the same for every document and question: lower case, words
 * split at anything that is not a letter or digit (a hyphenated word also counts joined, so
 * "co-operation" meets "cooperation"), the stop words of the `stopword` package's English list
 * left out, and the Snowball English stemmer (Porter2, `wink-porter2-stemmer`) applied.
 */
import porter2 from "wink-porter2-stemmer";
import { eng } from "stopword";

const STOP = new Set<string>(eng);

/** Whether a lower-case word is a stop word (the `stopword` package's English list). */
export const isStopWord = (w: string): boolean => STOP.has(w);

/**
 * Raw lower-case words of a text. "co-operation" gives "cooperation"; "law-enforcement" gives
 * "lawenforcement", "law" and "enforcement" (parts of three letters or more).
 */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const token of text.toLowerCase().replace(/[’']s\b/g, "").split(/[^a-z0-9à-ÿ-]+/)) {
    if (!token) continue;
    if (!token.includes("-")) {
      out.push(token);
      continue;
    }
    const parts = token.split("-").filter(Boolean);
    if (parts.length === 0) continue;
    out.push(parts.join(""));
    if (parts.length > 1) for (const p of parts) if (p.length >= 3) out.push(p);
  }
  return out;
}

const stemCache = new Map<string, string>();

/** The Snowball (Porter2) stem of one lower-case word; cached, a corpus has a few thousand words. */
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = /\d/.test(word) ? word : porter2(word);
    if (stemCache.size > 100_000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

/** Search terms of a text: stems of its words, stop words left out. */
export function terms(text: string): string[] {
  return words(text)
    .filter((w) => !STOP.has(w))
    .map(stem);
}
