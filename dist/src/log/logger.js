import pino from "pino";
/** The process logger: JSON lines on stderr, so stdout stays for machine output. */
export function createLogger(level) {
    return pino({ level, base: { app: "secretariat" } }, pino.destination({ fd: 2, sync: true }));
}
