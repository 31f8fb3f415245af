/**
 * Reciprocal-rank fusion of the lexical and the dense ranking (Cormack et al. 2009): each
 * passage scores the sum of 1 / (k + rank) over the rankings it appears in, so neither ranking's
 * score scale matters. The lexical coverage of each passage is kept for the decline features.
 */

/** The constant of reciprocal-rank fusion; 60 is the value of the original paper. */
export const RRF_K = 60;

/** A ranked item of the lexical ranking. */
export interface LexicalItem {
  id: number;
  score: number;
  c: number;
  exact: number;
}

/** The fused ranking, best first; `score` is the fused score. */
export function fuse(lexical: readonly LexicalItem[], dense: readonly { id: number; score: number }[]): LexicalItem[] {
  const fused = new Map<number, LexicalItem>();
  lexical.forEach((r, i) => fused.set(r.id, { ...r, score: 1 / (RRF_K + i + 1) }));
  dense.forEach((r, i) => {
    const add = 1 / (RRF_K + i + 1);
    const have = fused.get(r.id);
    if (have) have.score += add;
    else fused.set(r.id, { id: r.id, score: add, c: 0, exact: 0 });
  });
  return [...fused.values()].sort((a, b) => b.score - a.score);
}
