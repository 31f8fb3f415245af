/**
 * The `secretariat` command line for tests, two ways:
 *
 * - `runCli`: the CLI's own `main()` in this process, with stdout, stderr, stdin, the environment
 *   and the clock handed in. The same code the binary runs (commands, runtime, store, adapters),
 *   without the cost of a Node process and a TypeScript load per call. Most tests use this.
 * - `spawnCli`: the real binary as a child process, as a user or CI runs it. For tests whose point
 *   is the process itself: exit codes, stdout/stderr separation, flushing through a pipe, start-up.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { Readable } from "node:stream";
import { main } from "../../src/cli/main.ts";
import { adapterKit } from "../../adapters/index.ts";
import { projectRoot } from "../../src/config/paths.ts";
import { FIXED_NOW } from "./clock.ts";

export const root = projectRoot;
export const bin = path.join(root, "bin/secretariat.js");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** the whole environment the command sees (nothing is inherited) */
  env?: Record<string, string>;
  /** standard input */
  input?: string;
}

/** Runs `secretariat ARGS` in this process at `now` (default: the suite's fixed clock). */
export async function runCli(args: string[], options: CliOptions & { now?: Date | string } = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const line = (t: string) => (t.endsWith("\n") ? t : `${t}\n`); // as the process I/O writes it
  const at = new Date(options.now ?? FIXED_NOW).getTime();
  const code = await main(args, async () => adapterKit, {
    out: (t) => void (stdout += line(t)),
    err: (t) => void (stderr += line(t)),
    stdin: Readable.from([options.input ?? ""]),
    now: () => new Date(at),
    env: { ...options.env },
    log: (t) => void (stderr += line(t)),
  });
  return { code, stdout, stderr };
}

/** Runs the real `secretariat` binary as a child process (it reads the real clock). */
export function spawnCli(args: string[], options: CliOptions & { cwd?: string; timeoutMs?: number } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: options.cwd ?? root,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(options.input ?? "");
  });
}
