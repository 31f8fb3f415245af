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
