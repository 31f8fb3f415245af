import pino, { type Logger } from "pino";

export type { Logger };

/**
 * The process logger: JSON lines on stderr, so stdout stays for machine output; or into `write`,
 * one line per call (the CLI run in-process by tests keeps its stderr that way; the console chat shows
 * them as text above its prompt).
 */
export function createLogger(level: string, write?: (line: string) => void): Logger {
  return pino({ level, base: { app: "secretariat" } }, write ? { write } : pino.destination({ fd: 2, sync: true }));
}
