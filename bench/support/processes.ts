/** Child processes for benchmarks that run the real bot in its own process: start, find, stop. */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import { root } from "./measure.ts";

/** A free loopback port. */
export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Starts a process and resolves when its output matches `ready`. */
export function startProcess(args: string[], env: Record<string, string>, ready: RegExp): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env }, stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    const timer = setTimeout(() => reject(new Error(`process did not start: ${out.slice(-500)}`)), 120_000);
    const check = (d: Buffer) => {
      // Keep only the tail: a bot under load may log a lot after it is ready.
      out = (out + d).slice(-20_000);
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout!.off("data", check);
        child.stderr!.off("data", check);
        child.stdout!.resume();
        child.stderr!.resume();
        resolve({ child, match: m });
      }
    };
    child.stdout!.on("data", check);
    child.stderr!.on("data", check);
    child.on("exit", (code) => reject(new Error(`process exited ${code}: ${out.slice(-500)}`)));
  });
}

/** Stops a child with SIGTERM and waits for it. */
export const stopProcess = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null ? r() : (c.once("exit", () => r()), c.kill("SIGTERM"))));

/** A process's resident set size now, in MB (Linux /proc). */
export function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? NaN);
  return kb / 1024;
}
