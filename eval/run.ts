/**
 * `npm run eval`: top-1, top-3, unanswerable declined and answerable wrongly declined on
 * eval/questions.yaml, for the bot and for the baseline. `npm run eval -- --misses` lists failures;
 * `npm run eval -- FILE` scores another question file in the same format.
 */
import { baselineSystem, botSystem, loadCorpus, loadQuestions, score, type Scores } from "./evaluate.ts";

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--"));
const questions = loadQuestions(file);
const corpus = loadCorpus();
const bot = botSystem(corpus);
const base = baselineSystem(corpus);
const ours = score(questions, bot.ask, bot.matches);
const theirs = score(questions, base.ask, base.matches);

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
const row = (name: string, s: Scores) => `${name.padEnd(34)}${pct(s.top1)}${pct(s.top3)}${pct(s.declined)}${pct(s.wronglyDeclined)}`;
console.log(`${questions.length} questions: ${ours.answerable} answerable, ${ours.unanswerable} the documents do not answer\n`);
console.log(`${"".padEnd(34)}${"top-1".padStart(7)}${"top-3".padStart(7)}${"decl.".padStart(7)}${"wrong".padStart(7)}`);
console.log(row("secretariat-bot", ours));
console.log(row("baseline (MiniSearch defaults)", theirs));
console.log(`\ntop-3 above baseline: ${((ours.top3 - theirs.top3) * 100).toFixed(1)} points`);
console.log("decl. = unanswerable declined; wrong = answerable wrongly declined");
console.log("goals: top-3 ≥ 95%, top-1 ≥ 85%, declined ≥ 80%, wrongly declined ≤ 5%, top-3 ≥ baseline + 15 points");
if (args.includes("--misses")) {
  console.log("\nmisses (secretariat-bot):");
  for (const m of ours.misses) console.log(`- ${m.q}\n    expected ${m.expected}${m.answered ? "" : " (declined)"}\n    got ${m.got.join(" | ")}`);
}
