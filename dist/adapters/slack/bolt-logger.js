/** Bolt's logger interface over our pino logger, so Bolt's own messages are structured too. */
import { LogLevel } from "@slack/bolt";
/** Wraps a pino child logger for Bolt (App, receivers, WebClient). */
export function boltLogger(log) {
    let level = LogLevel.INFO;
    const text = (msg) => msg.map((m) => (typeof m === "string" ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(" ");
    return {
        debug: (...m) => log.debug(text(m)),
        info: (...m) => log.info(text(m)),
        warn: (...m) => log.warn(text(m)),
        error: (...m) => log.error(text(m)),
        setLevel: (l) => void (level = l),
        getLevel: () => level,
        setName: () => undefined,
    };
}
