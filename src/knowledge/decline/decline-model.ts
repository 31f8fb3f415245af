/**
 * The "do not answer" decision: a logistic model over the ranking's features, fitted on the
 * development questions by `npm run eval -- --fit` (eval/fit-decline.ts), which also picks the
 * threshold. Nothing here is picked by hand; the fitted numbers live in decline-model.json.
 */
import fs from "node:fs";
import { projectPath } from "../../config/paths.ts";
import type { RankingFeatures } from "../index/types.ts";

/** The features in the order the model's weights use them. */
export const FEATURE_NAMES = ["coverage", "exactCoverage", "gap", "unknownShare", "inverseTerms", "documentNamed", "scorePerTerm", "missingMax", "cosine"] as const;

/** A fitted model. */
export interface DeclineModel {
  /** per feature: mean and standard deviation on the development set, for scaling */
  mean: number[];
  std: number[];
  weights: number[];
  bias: number;
  /** answer when the probability is at least this */
  threshold: number;
  /** what it was fitted on and how it scored there, as printed by `npm run eval` */
  fittedOn?: { questions: number; answerable: number; unanswerable: number; declined: number; wronglyDeclined: number; date?: string };
}

/** Where the fitted model is kept. */
export const DECLINE_MODEL_FILE = projectPath("src", "knowledge", "decline", "decline-model.json");

/** The features as the model's input vector. */
export function featureVector(f: RankingFeatures): number[] {
  return [f.coverage, f.exactCoverage, f.gap, f.unknownShare, f.terms > 0 ? 1 / f.terms : 1, f.documentNamed ? 1 : 0, f.scorePerTerm, f.missingMax, f.cosine];
}

/** The model's probability that the best passage answers the question. */
export function answerProbability(model: DeclineModel, f: RankingFeatures): number {
  const x = featureVector(f);
  let z = model.bias;
  for (let i = 0; i < x.length; i++) z += (model.weights[i] ?? 0) * ((x[i]! - (model.mean[i] ?? 0)) / (model.std[i] || 1));
  return 1 / (1 + Math.exp(-z));
}

/** Used before any fit: answers when most of the question's words are found (coverage ≥ 0.5). */
export const UNFITTED: DeclineModel = { mean: FEATURE_NAMES.map(() => 0), std: FEATURE_NAMES.map(() => 1), weights: [12, 0, 0, 0, 0, 0, 0, 0, 0], bias: -6, threshold: 0.5 };

let cached: DeclineModel | undefined;

/** The fitted model (decline-model.json), or the unfitted rule when there is none yet. */
export function fittedDeclineModel(): DeclineModel {
  if (!cached) cached = fs.existsSync(DECLINE_MODEL_FILE) ? (JSON.parse(fs.readFileSync(DECLINE_MODEL_FILE, "utf8")) as DeclineModel) : UNFITTED;
  return cached;
}
