/**
 * Cold start of one-shot commands, a new process each time (database already migrated and
 * seeded): `secretariat --version`, `secretariat ask` and `secretariat say`, from start to exit,
 * and their peak RSS. Baseline in the same run, interleaved: a bare `node -e` that prints.
 * Goals (issue 14 item 9): `--version` ≤ 150 ms, `ask` ≤ 1,000 ms, `say` ≤ 1,000 ms and ≤ 150 MB.
 * CPU time is reported too: on a busy machine it says more than wall time does. Each goal's figure
 * carries `goal` and `met` (this run, on the median), and the bare-node baseline beside it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { percentile, root, round, timeProcess, type Figure } from "./support/measure.ts";

/** Wall-time goals of the median cold run (issue 14 item 9). */
const goalMs = { version: 150, ask: 1000, say: 1000 } as const;
const sayRssGoalMb = 150;

export async function* coldStart(runs = 10): AsyncGenerator<Figure> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-cold-"));
  const env = { DATABASE_URL: `file:${path.join(dir, "bench.db")}` };
  const bin = path.join(root, "bin/secretariat.js");
  const commands = {
    version: [bin, "--version"],
    ask: [bin, "ask", "what does 3.a(ii) say?"],
    say: [bin, "say", "--as", "bench", "--json", "whoami"],
  };
  const first = await timeProcess(commands.say, env); // migrates and seeds the new file
  if (first.code !== 0) throw new Error("secretariat say failed");
  yield { name: "say_first_run_with_migration_ms", value: round(first.totalMs, 1), unit: "ms" };
  const times: Record<keyof typeof commands | "bare", number[]> = { version: [], ask: [], say: [], bare: [] };
  const cpu: Record<keyof typeof commands, number[]> = { version: [], ask: [], say: [] };
  const rss: number[] = [];
  const load = [os.loadavg()[0]!];
  for (let i = 0; i < runs; i++) {
    times.bare.push((await timeProcess(["-e", "console.log('{}')"], env)).totalMs);
    for (const [name, args] of Object.entries(commands) as [keyof typeof commands, string[]][]) {
      const r = await timeProcess(args, env);
      if (r.code !== 0) throw new Error(`secretariat ${name} failed`);
      times[name].push(r.totalMs);
      cpu[name].push(r.cpuMs);
      if (name === "say") rss.push(r.maxRssMb);
    }
  }
  load.push(os.loadavg()[0]!);
  const bare = percentile(times.bare, 50);
  const baseline = `bare node -e p50 ${round(bare, 1)} ms, load ${round(load[0]!, 2)}–${round(load[1]!, 2)}`;
  for (const name of Object.keys(commands) as (keyof typeof commands)[]) {
    const p50 = percentile(times[name], 50);
    // the goal is on the median cold run; the max is printed beside it
    const goal = goalMs[name];
    yield { name: `${name}_cold_p50_ms`, value: round(p50, 1), unit: "ms", goal: `<= ${goal} ms`, met: p50 <= goal, baseline };
    yield { name: `${name}_cold_max_ms`, value: round(Math.max(...times[name]), 1), unit: "ms" };
    yield { name: `${name}_cpu_time_p50_ms`, value: round(percentile(cpu[name], 50), 1), unit: "ms" };
    yield { name: `${name}_cold_vs_bare_node_ratio`, value: round(p50 / bare, 2), unit: "x" };
  }
  const peak = Math.max(...rss);
  yield { name: "say_peak_rss_mb", value: round(peak, 1), unit: "MB", goal: `<= ${sayRssGoalMb} MB`, met: peak <= sayRssGoalMb };
  yield { name: "baseline_bare_node_p50_ms", value: round(bare, 1), unit: "ms" };
  yield { name: "load_average_1min_before", value: round(load[0]!, 2), unit: "processes" };
  yield { name: "load_average_1min_after", value: round(load[1]!, 2), unit: "processes" };
  fs.rmSync(dir, { recursive: true, force: true });
}
