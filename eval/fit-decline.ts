/**
 * Fits the decline model (src/knowledge/decline/decline-model.ts) on the development split:
 * logistic regression by gradient descent on the ranking features of every question the label
 * look-ups do not settle, target "the best passage answers" (an answerable question whose best
 * passage is wrong is a failure of the ranking, not a sign of an answerable question), then the
 * threshold that declines the most unanswerable questions while wrongly declining at most the
 * goal's share of answerable ones (5 %), falling back to the threshold with the best sum of both
 * rates.
 */
import { FEATURE_NAMES, featureVector, type DeclineModel } from "../src/knowledge/decline/decline-model.ts";
import type { RankingFeatures } from "../src/knowledge/index/types.ts";

/** One training example. */
export interface Example {
  features: RankingFeatures;
  answerable: boolean;
  /** the best passage of the ranking answers the question (the fit's target; default: answerable) */
  bestAnswers?: boolean;
}

/** Most answerable questions the fit may decline (the goal: wrongly declined ≤ 5 %). */
export const MAX_WRONGLY_DECLINED = 0.05;

/** Fits weights and threshold. `l2` keeps weights small on a few hundred questions. */
export function fitDecline(examples: Example[], l2 = 0.01, steps = 4000, rate = 0.5): DeclineModel {
  const X = examples.map((e) => featureVector(e.features));
  const y = examples.map((e) => ((e.bestAnswers ?? e.answerable) ? 1 : 0));
  const d = FEATURE_NAMES.length;
  const mean = Array.from({ length: d }, (_, j) => X.reduce((s, x) => s + x[j]!, 0) / Math.max(1, X.length));
  const std = Array.from({ length: d }, (_, j) => Math.sqrt(X.reduce((s, x) => s + (x[j]! - mean[j]!) ** 2, 0) / Math.max(1, X.length)) || 1);
  const Z = X.map((x) => x.map((v, j) => (v - mean[j]!) / std[j]!));
  // classes are unbalanced (more answerable questions): weigh each class equally
  const pos = y.filter((v) => v === 1).length;
  const neg = y.length - pos;
  const cw = (v: number) => (v === 1 ? y.length / (2 * Math.max(1, pos)) : y.length / (2 * Math.max(1, neg)));
  const w = new Array<number>(d).fill(0);
  let b = 0;
  for (let step = 0; step < steps; step++) {
    const gw = new Array<number>(d).fill(0);
    let gb = 0;
    Z.forEach((z, i) => {
      const p = sigmoid(b + z.reduce((s, v, j) => s + v * w[j]!, 0));
      const err = (p - y[i]!) * cw(y[i]!);
      for (let j = 0; j < d; j++) gw[j]! += err * z[j]!;
      gb += err;
    });
    for (let j = 0; j < d; j++) w[j]! -= rate * (gw[j]! / Z.length + l2 * w[j]!);
    b -= rate * (gb / Z.length);
  }
  const probs = Z.map((z) => sigmoid(b + z.reduce((s, v, j) => s + v * w[j]!, 0)));
  // the goals count answerable questions declined, whatever the ranking did: the threshold is picked
  // on those, and kept unrounded (rounded, it can pass a probability and flip a question)
  const a = examples.map((e) => (e.answerable ? 1 : 0));
  const threshold = pickThreshold(probs, a);
  const answerable = a.filter((v) => v === 1).length;
  const unanswerable = a.length - answerable;
  const declined = probs.filter((p, i) => a[i] === 0 && p < threshold).length / Math.max(1, unanswerable);
  const wrongly = probs.filter((p, i) => a[i] === 1 && p < threshold).length / Math.max(1, answerable);
  return { mean: round(mean), std: round(std), weights: round(w), bias: round([b])[0]!, threshold, fittedOn: { questions: a.length, answerable, unanswerable, declined: round([declined])[0]!, wronglyDeclined: round([wrongly])[0]! } };
}

function pickThreshold(p: number[], y: number[]): number {
  const cands = [...new Set(p)].sort((a, b) => a - b);
  const pos = y.filter((v) => v === 1).length || 1;
  const neg = y.length - pos || 1;
  let best = { t: 0.5, declined: -1, score: -Infinity };
  let bestSum = { t: 0.5, score: -Infinity };
  for (let i = 0; i <= cands.length; i++) {
    // midway between neighbouring probabilities, so a small change in a feature does not flip a question
    const t = i === 0 ? cands[0]! - 1e-6 : i === cands.length ? cands.at(-1)! + 1e-6 : (cands[i - 1]! + cands[i]!) / 2;
    const declined = p.filter((v, k) => y[k] === 0 && v < t).length / neg;
    const wrongly = p.filter((v, k) => y[k] === 1 && v < t).length / pos;
    if (wrongly <= MAX_WRONGLY_DECLINED && declined > best.declined) best = { t, declined, score: declined };
    if (declined - wrongly > bestSum.score) bestSum = { t, score: declined - wrongly };
  }
  return best.declined >= 0 ? best.t : bestSum.t;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const round = (xs: number[]) => xs.map((x) => Math.round(x * 10000) / 10000);
