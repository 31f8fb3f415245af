/**
 * `npm run eval`: for every split (eval/dev, and each held-out folder such as eval/test2), top-1,
 * top-3, unanswerable declined and answerable wrongly declined, for the bot and for the baseline
 * (MiniSearch defaults) beside it, label agreement, figures per kind, and the decline model's
 * threshold with its figures on the split it was fitted on.
 *   npm run eval -- --split dev     one split only (tune on dev; measure a held-out split once, at the end)
 *   npm run eval -- --fit           refit the decline model on dev and write decline-model.json
 *   npm run eval -- --misses        list the bot's misses
 */
import fs from "node:fs";
import { DECLINE_MODEL_FILE, FEATURE_NAMES, fittedDeclineModel } from "../src/knowledge/decline/decline-model.ts";
import { baselineSystem, botSystem, declineExamples, discoverSplits, loadCorpus, loadQuestions, score, type Scores, type Split } from "./evaluate.ts";
import { fitDecline } from "./fit-decline.ts";

const args = process.argv.slice(2);
const only = args.includes("--split") ? args[args.indexOf("--split") + 1] : undefined;
const splits: Split[] = only ? [only] : discoverSplits();

if (args.includes("--fit")) {
  const questions = loadQuestions("dev");
  const corpus = await loadCorpus(questions, "dev");
  const examples = declineExamples(corpus, questions);
  const model = fitDecline(examples);
  model.fittedOn = { ...model.fittedOn!, date: new Date().toISOString().slice(0, 10) };
  fs.writeFileSync(DECLINE_MODEL_FILE, `${JSON.stringify(model, null, 2)}\n`);
  console.log(`decline model fitted on ${examples.length} dev questions (label look-ups and refusals aside), written to ${DECLINE_MODEL_FILE}`);
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
const row = (name: string, s: Scores) => `${name.padEnd(34)}${pct(s.top1)}${pct(s.top3)}${pct(s.declined)}${pct(s.wronglyDeclined)}`;
const model = fittedDeclineModel();
console.log(`decline model: answer when p ≥ ${model.threshold.toFixed(4)}; weights ${FEATURE_NAMES.map((n, i) => `${n} ${model.weights[i]}`).join(", ")}, bias ${model.bias}`);
if (model.fittedOn) console.log(`  fitted ${model.fittedOn.date ?? ""} on ${model.fittedOn.questions} dev questions (${model.fittedOn.answerable} answerable, ${model.fittedOn.unanswerable} not): there it declines ${pct(model.fittedOn.declined)} of the unanswerable, ${pct(model.fittedOn.wronglyDeclined)} of the answerable`);

for (const split of splits) {
  const questions = loadQuestions(split);
  if (questions.length === 0) {
    console.log(`\n[${split}] no questions in eval/${split}/`);
    continue;
  }
  const corpus = await loadCorpus(questions, split);
  const bot = botSystem(corpus);
  const base = baselineSystem(corpus);
  const ours = score(questions, corpus, bot.ask, bot.matches);
  const theirs = score(questions, corpus, base.ask, base.matches);
  console.log(`\n[${split}] ${questions.length} questions: ${ours.answerable} answerable, ${ours.unanswerable} the documents do not answer; ${corpus.documents.length} documents, ${corpus.passages.length} passages`);
  for (const [slug, why] of corpus.failed) console.log(`  could not import ${slug}: ${why}`);
  console.log(`${"".padEnd(34)}${"top-1".padStart(7)}${"top-3".padStart(7)}${"decl.".padStart(7)}${"wrong".padStart(7)}`);
  console.log(row("secretariat-bot", ours));
  console.log(row("baseline (MiniSearch defaults)", theirs));
  console.log(`label agreement: ${ours.labelAgreement.agree}/${ours.labelAgreement.of} expected passages carry the label the question gives${ours.unresolved.length ? `; ${ours.unresolved.length} quotes found in no passage` : ""}`);
  console.log(`by kind (top-1, or declined for unanswerable kinds): ${[...ours.byKind].map(([k, v]) => `${k} ${v.ok}/${v.n}`).join(", ")}`);
  if (args.includes("--misses")) {
    console.log(`\nmisses (secretariat-bot, ${split}):`);
    for (const m of ours.misses) console.log(`- ${m.q}\n    expected ${m.expected}${m.answered ? "" : " (declined)"}\n    got ${m.got.join(" | ")}`);
    for (const d of ours.labelAgreement.differ) console.log(`  label: "${d.q}": ours ${d.ours}, question says ${d.theirs}`);
  }
}
console.log("\ndecl. = unanswerable declined; wrong = answerable wrongly declined");
console.log("goals: top-3 ≥ 95%, top-1 ≥ 85%, declined ≥ 80%, wrongly declined ≤ 5%");
