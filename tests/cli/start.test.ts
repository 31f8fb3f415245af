/**
 * `secretariat start` with no platform credentials: the console chat, plus the HTTP server for
 * calendar feeds. A console-only trial listens on loopback unless told otherwise (issue 14 item 10).
 */
import { spawn } from "node:child_process";
import net from "node:net";
import os from "node:os";
import { describe, expect, it } from "vitest";
import { bin, root } from "../support/cli.ts";
import { tempDir } from "../support/databases.ts";

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

/** The machine's first address that is not loopback, to knock on from outside loopback. */
const outsideAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((a) => a && a.family === "IPv4" && !a.internal)?.address;

/** Starts the console-only bot, waits until it serves, runs `check`, then quits it with `exit`. */
async function withStartedBot(env: Record<string, string>, check: (port: number, output: string) => Promise<void>): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, [bin, "start", "--as", "op"], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", DATABASE_URL: `file:${tempDir()}/start.db`, PORT: String(port), ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const closed = new Promise((r) => child.once("close", r));
  try {
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        if (/you> /.test(output)) (clearInterval(poll), resolve());
      }, 20);
      void closed.then(() => (clearInterval(poll), reject(new Error(`start exited: ${output}`))));
    });
    await check(port, output);
    child.stdin.end("exit\n");
    await closed;
  } finally {
    child.kill("SIGTERM");
  }
  return output;
}

/**
 * Runs the console-only bot in a pseudo-terminal (util-linux `script`), as a person starts it: stdout
 * and stderr are the same terminal. Types `lines` once the prompt is up; returns what the terminal
 * showed, without the escape sequences that move the cursor.
 */
async function inTerminal(lines: string[]): Promise<string> {
  const port = await freePort();
  const command = [process.execPath, bin, "start", "--as", "op"].map((a) => `'${a}'`).join(" ");
  const child = spawn("script", ["-qfec", command, "/dev/null"], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", TERM: "xterm", DATABASE_URL: `file:${tempDir()}/tty.db`, PORT: String(port) },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let raw = "";
  child.stdout.on("data", (d) => (raw += d));
  child.stderr.on("data", (d) => (raw += d));
  const closed = new Promise((r) => child.once("close", r));
  const until = (re: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => re.test(raw) && (clearInterval(poll), resolve()), 20);
      void closed.then(() => (clearInterval(poll), reject(new Error(`start exited: ${raw}`))));
    });
  try {
    await until(/secretariat-bot serving[\s\S]*you> /);
    for (const l of lines) {
      const before = raw.length;
      child.stdin.write(`${l}\r`);
      await new Promise<void>((resolve) => {
        const poll = setInterval(() => (raw.length > before && /you> [^\n]*$/.test(raw.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "")) ? (clearInterval(poll), resolve()) : undefined), 20);
      });
    }
    child.stdin.write("exit\r");
    await until(/Goodbye/);
  } finally {
    child.kill("SIGTERM");
    await closed;
  }
  return raw.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "").replace(/\r/g, "");
}

describe("secretariat start in a terminal, console only", () => {
  it("shows its log as lines of text in the chat, never JSON, and draws the prompt again after them (issue 14 item 17)", async () => {
    const screen = await inTerminal(["whoami"]);
    expect(screen).not.toMatch(/\{"level"/);
    expect(screen).toMatch(/console chat with CCWP[\s\S]*· \d\d:\d\d:\d\d info secretariat-bot serving \(listening: .*http 127\.0\.0\.1:\d+\)\nyou> /);
    expect(screen).toMatch(/Role: secretariat/);
    expect(screen).toMatch(/Goodbye\./);
  });
});

describe("secretariat start, console only", () => {
  it("listens on 127.0.0.1 by default, not on every address", async () => {
    await withStartedBot({}, async (port) => {
      expect(await accepts("127.0.0.1", port)).toBe(true);
      if (outsideAddress) expect(await accepts(outsideAddress, port)).toBe(false);
    });
  });

  it("listens on every address when HOST says so", async () => {
    await withStartedBot({ HOST: "0.0.0.0" }, async (port) => {
      expect(await accepts("127.0.0.1", port)).toBe(true);
      if (outsideAddress) expect(await accepts(outsideAddress, port)).toBe(true);
    });
  });
});
