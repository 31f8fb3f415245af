/** What every CLI command receives: I/O, the adapter kit and a way to open the runtime. */
import { loadConfig, type Config } from "../config/index.ts";
import { createLogger } from "../log/logger.ts";
import { openRuntime, type Runtime } from "../runtime/open-runtime.ts";
import type { AdapterKit } from "./adapter-kit.ts";
import type { CliIO } from "./io.ts";

export interface CliContext {
  io: CliIO;
  kit: AdapterKit;
  /** opens config, store (migrated and seeded) and bot; closes them after `work` */
  withRuntime<T>(work: (rt: Runtime) => Promise<T>, options?: { logLevel?: string; keepOpen?: boolean }): Promise<T>;
  config(): Config;
}

export function createCliContext(io: CliIO, kit: AdapterKit): CliContext {
  let config: Config | undefined;
  const getConfig = () => (config ??= loadConfig(io.env));
  return {
    io,
    kit,
    config: getConfig,
    async withRuntime(work, options = {}) {
      const cfg = getConfig();
      // One-shot commands keep stderr quiet unless LOG_LEVEL asks for more.
      const level = io.env.LOG_LEVEL ? cfg.LOG_LEVEL : (options.logLevel ?? "warn");
      const rt = await openRuntime(cfg, createLogger(level, io.log));
      try {
        return await work(rt);
      } finally {
        if (!options.keepOpen) await rt.close();
      }
    },
  };
}

/** Prints JSON or text. */
export function emit(io: CliIO, json: boolean, data: unknown, text: () => string): void {
  io.out(json ? JSON.stringify(data, null, 0) : text());
}
