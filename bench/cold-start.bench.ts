/**
 * Cold start to first reply of `secretariat say` (a new process each time, database already
 * migrated and seeded), and its peak RSS. Baseline in the same run: a bare `node -e` that prints.
 * Goals: ≤ 1,000 ms and ≤ 150 MB. CPU time is reported too: on a busy machine it says more than
 * wall time does.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { percentile, root, round, timeProcess, type Figure } from "./support/measure.ts";

export async function* coldStart(runs = 10): AsyncGenerator<Figure> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-cold-"));
  const env = { DATABASE_URL: `file:${path.join(dir, "bench.db")}` };
  const say = [path.join(root, "bin/secretariat.js"), "say", "--as", "bench", "--json", "whoami"];
  const first = await timeProcess(say, env); // migrates and seeds the new file
  if (first.code !== 0) throw new Error("secretariat say failed");
  yield { name: "say_first_run_with_migration_ms", value: round(first.firstOutputMs, 1), unit: "ms" };
  const times: number[] = [];
  const rss: number[] = [];
  const cpu: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await timeProcess(say, env);
    times.push(r.firstOutputMs);
    rss.push(r.maxRssMb);
    cpu.push(r.cpuMs);
    base.push((await timeProcess(["-e", "console.log('{}')"], env)).firstOutputMs);
  }
  const p50 = percentile(times, 50);
  const b50 = percentile(base, 50);
  yield { name: "say_cold_start_to_first_reply_p50_ms", value: round(p50, 1), unit: "ms" };
  yield { name: "say_cold_start_to_first_reply_max_ms", value: round(Math.max(...times), 1), unit: "ms" };
  yield { name: "say_peak_rss_mb", value: round(Math.max(...rss), 1), unit: "MB" };
  yield { name: "say_cpu_time_p50_ms", value: round(percentile(cpu, 50), 1), unit: "ms" };
  yield { name: "load_average_1min", value: round((await import("node:os")).loadavg()[0]!, 2), unit: "processes" };
  yield { name: "baseline_bare_node_start_p50_ms", value: round(b50, 1), unit: "ms" };
  yield { name: "say_cold_start_vs_bare_node_ratio", value: round(p50 / b50, 2), unit: "x" };
  fs.rmSync(dir, { recursive: true, force: true });
}
