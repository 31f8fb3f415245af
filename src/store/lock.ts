/**
 * Serialises migration and seeding between processes that open the same database at once (two
 * copies of the bot starting together, tests in parallel): a PostgreSQL advisory lock, or for
 * SQLite an exclusive lock file beside the database.
 */
import fs from "node:fs";
import type { DatabaseTarget } from "./database-url.ts";
import { StoreError } from "./errors.ts";

const PG_LOCK_KEY = 0x5ec7e7a; // any constant shared by every copy of the bot

export async function withSetupLock<T>(target: DatabaseTarget, work: () => Promise<T>): Promise<T> {
  if (target.kind === "postgresql") {
    const { default: pg } = await import("pg"); // not loaded for SQLite
    const client = new pg.Client({ connectionString: target.url, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      await client.query("SELECT pg_advisory_lock($1)", [PG_LOCK_KEY]);
      return await work();
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [PG_LOCK_KEY]).catch(() => undefined);
      await client.end();
    }
  }
  const lockFile = `${target.file}.setup-lock`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      if (isStale(lockFile)) {
        fs.rmSync(lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new StoreError(`${lockFile} is held by another process; remove it if none runs`, "locked");
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}

/** A lock left by a process that no longer runs (killed mid-setup). */
function isStale(lockFile: string): boolean {
  try {
    const pid = Number(fs.readFileSync(lockFile, "utf8"));
    if (!pid) return Date.now() - fs.statSync(lockFile).mtimeMs > 5000;
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ESRCH" || (e as NodeJS.ErrnoException).code === "ENOENT";
  }
}
