import pino, { type DestinationStream, type Logger } from "pino";

export type { Logger };

/**
 * The process logger: JSON lines on stderr, so stdout stays for machine output. `destination`
 * takes the lines instead (the console chat shows them as text above its prompt).
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, base: { app: "secretariat" } }, destination ?? pino.destination({ fd: 2, sync: true }));
}
