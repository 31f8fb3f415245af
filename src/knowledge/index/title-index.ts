/**
 * Documents named by the words of their titles: "the revised strategy", "the IPR action plan".
 * Their passages weigh more in the ranking, and a label asked of one is looked up there only.
 */
import { stem, terms } from "./terms.ts";
import type { IndexDocument } from "./types.ts";

/** Kinds of document and words every title shares: they name no one document. */
const KIND_STEMS = new Set(["strategy", "resolution", "programme", "program", "plan", "action", "council", "document", "conclusions"].map(stem));

/** Title term → documents whose title has it. */
export class TitleIndex {
  private readonly byTerm = new Map<string, string[]>();
  private count = 0;

  /** Adds a document's title. */
  add(d: IndexDocument): void {
    this.count++;
    for (const t of new Set(terms(d.title))) (this.byTerm.get(t) ?? this.byTerm.set(t, []).get(t)!).push(d.slug);
  }

  /**
   * Documents named by distinctive title words ("the revised strategy", "the reinforced
   * strategy"), each with its weight (×1.4 for one word, ×1.8 for two); a word in a third of the
   * titles names none.
   */
  boost(question: string): Map<string, number> {
    const limit = Math.max(1, Math.floor(this.count / 3));
    const counted = new Map<string, number>();
    for (const w of new Set(terms(question))) {
      const slugs = this.byTerm.get(w);
      if (!slugs || slugs.length > limit) continue;
      for (const slug of slugs) counted.set(slug, (counted.get(slug) ?? 0) + 1);
    }
    return new Map([...counted].map(([slug, n]) => [slug, 1 + 0.4 * Math.min(n, 2)]));
  }

  /**
   * Documents whose title has a word of the question that no other title has (kinds of document
   * aside); when two are named so, the one named by the word fewer passages have ("IPR" before
   * "strategic"). `df`: how many passages have a term.
   */
  named(question: string, df: (term: string) => number): string[] {
    let best: { slug: string; df: number }[] = [];
    for (const w of new Set(terms(question))) {
      const slugs = this.byTerm.get(w);
      if (slugs?.length !== 1 || w.length < 3 || KIND_STEMS.has(w) || /^\d+$/.test(w)) continue;
      const n = df(w);
      if (best.length === 0 || n < best[0]!.df) best = [{ slug: slugs[0]!, df: n }];
      else if (n === best[0]!.df && !best.some((b) => b.slug === slugs[0])) best.push({ slug: slugs[0]!, df: n });
    }
    return best.map((b) => b.slug);
  }
}
