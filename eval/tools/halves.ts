/**
 * Over-fitting guard for tuning on dev: the dev questions split in two by file (A: questions.yaml
 * + e-questions.yaml, B: test1-questions.yaml), each half scored with the fitted decline model,
 * with the ranking alone (top-1 / top-3 when nothing is declined), and with a decline model
 * fitted on the other half only, so a change that helps one half alone shows.
 *   npx tsx eval/tools/halves.ts
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { UNFITTED, type DeclineModel } from "../../src/knowledge/decline/decline-model.ts";
import { botSystem, declineExamples, loadCorpus, loadQuestions, score, type EvalQuestion, type Scores } from "../evaluate.ts";
import { fitDecline } from "../fit-decline.ts";

const dev = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "dev");
const halves: [string, EvalQuestion[]][] = [
  ["A (questions + e-questions)", [...loadQuestions(path.join(dev, "questions.yaml")), ...loadQuestions(path.join(dev, "e-questions.yaml"))]],
  ["B (test1-questions)", loadQuestions(path.join(dev, "test1-questions.yaml"))],
];
const corpus = await loadCorpus(
  halves.flatMap(([, q]) => q),
  "dev",
);
const never: DeclineModel = { ...UNFITTED, weights: UNFITTED.weights.map(() => 0), bias: 10, threshold: 0 };
const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
const row = (name: string, s: Scores) => `  ${name.padEnd(30)}${pct(s.top1)}${pct(s.top3)}${pct(s.declined)}${pct(s.wronglyDeclined)}`;
const fitted = botSystem(corpus);
const rankOnly = botSystem(corpus, never);
for (const [i, [name, qs]] of halves.entries()) {
  const other = halves[1 - i]![1];
  const cross = botSystem(corpus, fitDecline(declineExamples(corpus, other)));
  console.log(`${name}: ${qs.length} questions`);
  console.log(`  ${"".padEnd(30)}${"top-1".padStart(7)}${"top-3".padStart(7)}${"decl.".padStart(7)}${"wrong".padStart(7)}`);
  console.log(row("fitted decline model", score(qs, corpus, fitted.ask, fitted.matches)));
  console.log(row("ranking alone (never declines)", score(qs, corpus, rankOnly.ask, rankOnly.matches)));
  console.log(row("decline fitted on the other half", score(qs, corpus, cross.ask, cross.matches)));
}
