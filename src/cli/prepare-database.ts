/**
 * `start` prepares the database in a child process (`secretariat setup`) before it opens its own
 * store. Migrating and seeding a new database load Prisma's schema engine and run hundreds of
 * inserts through the query compiler; the WebAssembly memory and native arenas they grow are
 * never given back to the system, so a server that did it itself would keep memory it no longer
 * needs (measured on a new database, console mode, after the first question, 3 runs each:
 * 281–319 MB preparing in-process, 231–249 MB with this child; 164–166 MB at load average 29 once
 * start also compiled WebAssembly with Liftoff only and collected after start-up,
 * cli/startup-memory.ts). The child's one line of error, if any, becomes start's.
 */
import { spawn } from "node:child_process";
import { projectPath } from "../config/paths.ts";
import { CliError } from "./io.ts";

export function prepareDatabase(env: Record<string, string | undefined>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [projectPath("bin", "secretariat.js"), "setup"], { env: { ...env, LOG_LEVEL: "error" } as NodeJS.ProcessEnv, stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err = (err + d.toString("utf8")).slice(-4000)));
    child.on("error", (e) => reject(new CliError(`cannot prepare the database: ${e.message}`)));
    child.on("close", (code) => {
      if (code === 0) return resolve();
      const line = err.trim().split("\n").filter(Boolean).pop()?.replace(/^secretariat: /, "") ?? `setup exited ${code}`;
      reject(new CliError(line, code === 2 ? 2 : 1));
    });
  });
}
