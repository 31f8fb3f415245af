import pino, { type Logger } from "pino";

export type { Logger };

/** The process logger: JSON lines on stderr, so stdout stays for machine output. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: "secretariat" } }, pino.destination({ fd: 2, sync: true }));
}
