/** Small helpers for benchmarks: one JSON line per figure, percentiles, child-process timing. */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** the goal this figure is held to, e.g. "<= 150 ms", and whether this run met it */
  goal?: string;
  met?: boolean;
  /** what it stands beside in the same run, e.g. "bare node -e p50 44.5 ms" */
  baseline?: string;
}

export const round = (x: number, digits = 3) => Number(x.toFixed(digits));

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

/** Runs a command; returns wall time until its first stdout byte and until exit, and its peak RSS. */
export function timeProcess(args: string[], env: Record<string, string>): Promise<{ firstOutputMs: number; totalMs: number; maxRssMb: number; cpuMs: number; code: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let first = NaN;
    let stderr = "";
    const child = spawn(process.execPath, ["--import", path.join(root, "bench/support/report-rss.mjs"), ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env },
    });
    child.stdout.once("data", () => (first = performance.now() - started));
    child.stdout.resume();
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const kb = Number(/BENCH_MAX_RSS_KB=(\d+)/.exec(stderr)?.[1] ?? NaN);
      const cpuUs = Number(/BENCH_CPU_US=(\d+)/.exec(stderr)?.[1] ?? NaN);
      resolve({ firstOutputMs: first, totalMs: performance.now() - started, maxRssMb: kb / 1024, cpuMs: cpuUs / 1000, code: code ?? -1 });
    });
  });
}
