import { describe, expect, it } from "vitest";
import { answerProbability } from "../../../src/knowledge/decline/decline-model.ts";
import type { RankingFeatures } from "../../../src/knowledge/index/types.ts";
import { fitDecline, type Example } from "../../../eval/fit-decline.ts";

const features = (coverage: number): RankingFeatures => ({ coverage, exactCoverage: coverage, gap: 0.5, unknownShare: 0, terms: 4, documentNamed: false, scorePerTerm: 2, missingMax: 1, cosine: 0 });

describe("fitting the decline model", () => {
  // answerable questions whose best passage answers (coverage 0.9) or does not (0.1), and
  // unanswerable ones in between: "answerable" alone says nothing about coverage here
  const examples: Example[] = [
    ...Array.from({ length: 10 }, () => ({ features: features(0.9), answerable: true, bestAnswers: true })),
    ...Array.from({ length: 10 }, () => ({ features: features(0.1), answerable: true, bestAnswers: false })),
    ...Array.from({ length: 10 }, () => ({ features: features(0.5), answerable: false, bestAnswers: false })),
  ];
  const model = fitDecline(examples);

  it("learns whether the best passage answers, not only whether the question is answerable", () => {
    const p = (c: number) => answerProbability(model, features(c));
    expect(p(0.9)).toBeGreaterThan(p(0.5) + 0.2);
    expect(p(0.5)).toBeGreaterThan(p(0.1));
  });

  it("picks the threshold on the answerable questions: at most 5 % of them declined", () => {
    expect(model.fittedOn).toMatchObject({ questions: 30, answerable: 20, unanswerable: 10 });
    expect(model.fittedOn!.wronglyDeclined).toBeLessThanOrEqual(0.05);
    expect(examples.filter((e) => e.answerable && answerProbability(model, e.features) < model.threshold)).toHaveLength(0);
  });
});
