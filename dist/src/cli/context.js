/** What every CLI command receives: I/O, the adapter kit and a way to open the runtime. */
import { loadConfig } from "../config/index.js";
import { createLogger } from "../log/logger.js";
import { openRuntime } from "../runtime/open-runtime.js";
export function createCliContext(io, kit) {
    let config;
    const getConfig = () => (config ??= loadConfig(io.env));
    return {
        io,
        kit,
        config: getConfig,
        async withRuntime(work, options = {}) {
            const cfg = getConfig();
            // One-shot commands keep stderr quiet unless LOG_LEVEL asks for more.
            const level = io.env.LOG_LEVEL ? cfg.LOG_LEVEL : (options.logLevel ?? "warn");
            const rt = await openRuntime(cfg, createLogger(level));
            try {
                return await work(rt);
            }
            finally {
                if (!options.keepOpen)
                    await rt.close();
            }
        },
    };
}
/** Prints JSON or text. */
export function emit(io, json, data, text) {
    io.out(json ? JSON.stringify(data, null, 0) : text());
}
