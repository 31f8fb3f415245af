/** What every CLI command receives: I/O, the adapter kit and a way to open the runtime. */
import type { Config } from "../config/index.ts";
import type { Runtime } from "../runtime/open-runtime.ts";
import type { AdapterKit } from "./adapter-kit.ts";
import type { CliIO } from "./io.ts";

export interface CliContext {
  io: CliIO;
  /** the platform adapters, loaded on first use (only start, say and ticks talk to a platform) */
  kit(): Promise<AdapterKit>;
  /** opens config, store (migrated and seeded) and bot; closes them after `work` */
  withRuntime<T>(work: (rt: Runtime) => Promise<T>, options?: { logLevel?: string; keepOpen?: boolean; logTo?: { write(line: string): void } }): Promise<T>;
  config(): Promise<Config>;
}

// Config, logger and runtime are imported when a command first needs them, so that `--help` and
// usage errors load none of them.
export function createCliContext(io: CliIO, kit: () => Promise<AdapterKit>): CliContext {
  let config: Promise<Config> | undefined;
  const getConfig = () => (config ??= import("../config/index.ts").then((m) => m.loadConfig(io.env)));
  let loadedKit: Promise<AdapterKit> | undefined;
  return {
    io,
    kit: () => (loadedKit ??= kit()),
    config: getConfig,
    async withRuntime(work, options = {}) {
      const cfg = await getConfig();
      const [{ createLogger }, { openRuntime }] = await Promise.all([import("../log/logger.ts"), import("../runtime/open-runtime.ts")]);
      // One-shot commands keep stderr quiet unless LOG_LEVEL asks for more.
      const level = io.env.LOG_LEVEL ? cfg.LOG_LEVEL : (options.logLevel ?? "warn");
      const rt = await openRuntime(cfg, createLogger(level, options.logTo ? (line) => options.logTo!.write(line) : io.log));
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
