/**
 * Microsoft's Agents Playground (`@microsoft/m365agentsplayground`, its local Teams-like client)
 * against the real bot: `secretariat start` in Teams local mode and the Playground server as
 * child processes, both with every non-loopback connection refused (loopback-only.cjs), and
 * Debian's Chromium to drive the Playground's page. The Playground is Microsoft pre-release
 * software licensed for evaluation only, so it is not a dependency of the project:
 * `scripts/playground/install.sh` (run by `.ci/run`) puts the pinned version under
 * `.tools/playground/`, from the npm registry.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { bin, root } from "./cli.ts";

const installScript = path.join(root, "scripts/playground/install.sh");
/** The Playground version the test is written against (pinned in the install script). */
export const PLAYGROUND_VERSION = /^VERSION=(\S+)$/m.exec(fs.readFileSync(installScript, "utf8"))![1]!;
const playgroundDir = path.join(root, ".tools/playground/node_modules/@microsoft/m365agentsplayground");
const loopbackOnly = path.join(root, "tests/support/loopback-only.cjs");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** A child process whose output is kept, and which the test ends. */
export interface Child {
  pid: number;
  output: () => string;
  stop(): Promise<void>;
}

function run(command: string, args: string[], env: Record<string, string>, cwd: string): { child: ChildProcess; output: () => string; exited: Promise<number> } {
  const child = spawn(command, args, { cwd, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", NODE_OPTIONS: `--require ${loopbackOnly}`, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d));
  child.stderr!.on("data", (d: Buffer) => (out += d));
  const exited = new Promise<number>((resolve) => child.on("close", (code) => resolve(code ?? -1)));
  return { child, output: () => out, exited };
}

/** Resolves with the first match of `pattern` in the process's output; rejects if it exits first. */
function waitFor(p: ReturnType<typeof run>, pattern: RegExp, what: string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const m = pattern.exec(p.output());
      if (m) {
        p.child.stdout!.off("data", check);
        p.child.stderr!.off("data", check);
        resolve(m);
      }
    };
    p.child.stdout!.on("data", check);
    p.child.stderr!.on("data", check);
    check();
    void p.exited.then((code) => reject(new Error(`${what} exited with ${code} before it was ready:\n${p.output().slice(-2000)}`)));
  });
}

function stopper(p: ReturnType<typeof run>): () => Promise<void> {
  return async () => {
    if (p.child.exitCode !== null) return;
    p.child.kill("SIGTERM");
    const ended = await Promise.race([p.exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5000))]);
    if (!ended) p.child.kill("SIGKILL");
    await p.exited;
  };
}

/** `secretariat start` in Teams local mode on a free loopback port. */
export async function startLocalBot(env: Record<string, string>, logFile: string): Promise<Child & { url: string }> {
  const p = run(process.execPath, [bin, "start"], { PORT: "0", HOST: "127.0.0.1", TEAMS_ENABLE: "1", LOOPBACK_ONLY_LOG: logFile, ...env }, root);
  const m = await waitFor(p, /http 127\.0\.0\.1:(\d+)/, "secretariat start");
  return { url: `http://127.0.0.1:${m[1]}/api/messages`, pid: p.child.pid!, output: p.output, stop: stopper(p) };
}

/** The Playground server against `endpoint`, telemetry off, no browser of its own; its files go to `dir`. */
export async function startPlayground(endpoint: string, dir: string, logFile: string): Promise<Child & { url: string }> {
  const pkg = path.join(playgroundDir, "package.json");
  if (!fs.existsSync(pkg)) throw new Error(`The Agents Playground is not installed: run scripts/playground/install.sh (.ci/run does)`);
  const version = (JSON.parse(fs.readFileSync(pkg, "utf8")) as { version: string }).version;
  if (version !== PLAYGROUND_VERSION) throw new Error(`The Agents Playground under .tools is ${version}, the test needs ${PLAYGROUND_VERSION}: run scripts/playground/install.sh`);
  const port = await freePort();
  const p = run(
    process.execPath,
    [path.join(playgroundDir, "cli.js"), "--app-endpoint", endpoint, "--channel-id", "msteams", "--port", String(port), "--disable-telemetry"],
    { TEAMSAPPTESTER_BROWSER: "none", M365_AGENTS_PLAYGROUND_LOGFILE: path.join(dir, "playground.log"), LOOPBACK_ONLY_LOG: logFile },
    dir,
  );
  const m = await waitFor(p, /Listening on (\d+)/, "the Agents Playground");
  return { url: `http://127.0.0.1:${m[1]}/`, pid: p.child.pid!, output: p.output, stop: stopper(p) };
}

async function freePort(): Promise<number> {
  const net = await import("node:net");
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Headless Chromium whose resolver knows no host but this one (so neither the page nor the
 * browser's own services reach the network); the test also routes every request and aborts
 * those not for loopback.
 */
export async function launchOfflineBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does this), or set CHROMIUM_PATH`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
    ],
  });
}
