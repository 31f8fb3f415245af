/** A pino logger that keeps its lines, for tests that check what the log tells an administrator. */
import { Writable } from "node:stream";
import pino from "pino";
import type { Logger } from "../../src/log/logger.ts";

export function capturingLogger(): { logger: Logger; lines: () => string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  return { logger: pino({ level: "info" }, sink), lines: () => lines.map((l) => (JSON.parse(l) as { msg: string }).msg) };
}
