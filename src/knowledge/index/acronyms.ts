/**
 * The field's acronyms (data/acronyms.yaml): an acronym in a question also finds its expansion
 * written out, and passages that write the expansion out are indexed with the acronym too.
 */
import fs from "node:fs";
import { parse } from "yaml";
import { projectPath } from "../../config/paths.ts";
import { stem, terms, words } from "./terms.ts";

/** The acronyms file. */
export const ACRONYMS_FILE = projectPath("data", "acronyms.yaml");

/** Acronyms as search terms. */
export class Acronyms {
  /** acronym term → stems of its expansion */
  readonly expansions = new Map<string, string[]>();
  private readonly phrases: { acronym: string; text: string }[] = [];

  /** `entries`: acronym → expansion as written ("CIS" → "Customs Information System"). */
  constructor(entries: Record<string, string>) {
    for (const [acronym, expansion] of Object.entries(entries)) {
      const a = stem(acronym.toLowerCase());
      const stems = terms(expansion.replace(/\(.*?\)/g, " "));
      if (stems.length === 0) continue;
      this.expansions.set(a, stems);
      if (stems.length >= 2) this.phrases.push({ acronym: a, text: ` ${stems.join(" ")} ` });
    }
  }

  /** The acronym term a typed word is ("JCOs" → "jco"), or undefined. */
  acronymOf(word: string): string | undefined {
    const w = word.toLowerCase();
    for (const candidate of [w, w.endsWith("s") ? w.slice(0, -1) : w]) {
      const s = stem(candidate);
      if (this.expansions.has(s)) return s;
    }
    return undefined;
  }

  /** The acronyms whose expansion is written out in a run of stems ("joint custom oper" → "jco"). */
  inStems(stems: readonly string[]): string[] {
    const t = ` ${stems.join(" ")} `;
    return this.phrases.filter((p) => t.includes(p.text)).map((p) => p.acronym);
  }

  /** Whether a raw lower-case word is one of the acronyms. */
  has(word: string): boolean {
    return this.acronymOf(word) !== undefined;
  }
}

let loaded: Acronyms | undefined;

/** The acronyms of data/acronyms.yaml, read once. */
export function fieldAcronyms(): Acronyms {
  if (!loaded) {
    const raw: unknown = parse(fs.readFileSync(ACRONYMS_FILE, "utf8"));
    const entries: Record<string, string> = {};
    if (raw && typeof raw === "object") for (const [k, v] of Object.entries(raw)) if (typeof v === "string") entries[k] = v;
    loaded = new Acronyms(entries);
  }
  return loaded;
}

/** Raw words of an acronym's expansion (for tests and docs). */
export const expansionWords = (expansion: string): string[] => words(expansion);
