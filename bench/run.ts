/**
 * `npm run bench`: every benchmark, one JSON object per line: {"name","value","unit"}. Each
 * figure's baseline is measured in the same run. `npm run bench -- NAME` runs only the named ones.
 */
import { coldStart } from "./cold-start.bench.ts";
import { collectionBench } from "./collection.bench.ts";
import { remindersTick } from "./reminders.bench.ts";
import { slackBench } from "./slack.bench.ts";
import { slackLoadBench } from "./slack-load.bench.ts";
import { planningBench } from "./planning.bench.ts";
import { teamsBench } from "./teams.bench.ts";
import { knowledgeBench } from "./knowledge.bench.ts";
import { consoleBench } from "./console.bench.ts";
import type { Figure } from "./support/measure.ts";

const suites: Record<string, () => AsyncGenerator<Figure>> = {
  "cold-start": () => coldStart(),
  reminders: () => remindersTick(),
  collection: () => collectionBench(),
  slack: () => slackBench(),
  "slack-load": () => slackLoadBench(),
  planning: () => planningBench(),
  teams: () => teamsBench(),
  knowledge: () => knowledgeBench(),
  console: () => consoleBench(),
};

const only = process.argv.slice(2);
for (const [name, suite] of Object.entries(suites)) {
  if (only.length && !only.includes(name)) continue;
  try {
    for await (const figure of suite()) process.stdout.write(`${JSON.stringify(figure)}\n`);
  } catch (e) {
    // One broken suite must not hide the others' figures; the failure is said, not skipped silently.
    process.stderr.write(`bench ${name} failed: ${String((e as Error)?.stack ?? e)}\n`);
    process.exitCode = 1;
  }
}
