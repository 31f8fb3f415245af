/**
 * Sign-in links and sessions of the web console. Tokens reach this module already hashed: the
 * database never holds anything a cookie or a link could be rebuilt from.
 */
import type { ConsoleSession, Db, DbTx } from "./index.ts";

/** A person on one platform; their roles live in their Member rows, one per working party. */
export interface Person {
  platform: string;
  platformUserId: string;
}

/** Records a single-use link. */
export async function saveSignInLink(db: DbTx, link: Person & { tokenHash: string; expiresAt: Date }): Promise<void> {
  await db.consoleSignIn.create({ data: link });
}

/**
 * Marks a link used if it is unused and unexpired, in one guarded update, so two tabs (or two
 * copies of the bot) opening the same link cannot both succeed. Returns the person or null.
 */
export async function useSignInLink(db: DbTx, tokenHash: string, now: Date): Promise<Person | null> {
  const { count } = await db.consoleSignIn.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  if (count !== 1) return null;
  const row = await db.consoleSignIn.findUnique({ where: { tokenHash } });
  return row ? { platform: row.platform, platformUserId: row.platformUserId } : null;
}

/** Whether a link exists (used or not), to tell "used or expired" from "never issued". */
export async function signInLinkExists(db: DbTx, tokenHash: string): Promise<boolean> {
  return (await db.consoleSignIn.count({ where: { tokenHash } })) > 0;
}

export async function saveSession(db: DbTx, s: Person & { tokenHash: string; method: string; now: Date; expiresAt: Date }): Promise<ConsoleSession> {
  return db.consoleSession.create({
    data: { tokenHash: s.tokenHash, platform: s.platform, platformUserId: s.platformUserId, method: s.method, createdAt: s.now, lastSeenAt: s.now, expiresAt: s.expiresAt },
  });
}

/**
 * The live session for a cookie hash, touched: it must be open, seen within `idleMs` and before
 * its absolute end. A session that fails either test is ended here, so it stays ended.
 */
export async function touchSession(db: Db, tokenHash: string, now: Date, idleMs: number): Promise<ConsoleSession | null> {
  const row = await db.consoleSession.findUnique({ where: { tokenHash } });
  if (!row || row.endedAt) return null;
  if (row.expiresAt <= now || now.getTime() - row.lastSeenAt.getTime() > idleMs) {
    await db.consoleSession.update({ where: { id: row.id }, data: { endedAt: now } });
    return null;
  }
  // Written at most once a minute: the idle timeout needs no finer clock, and most pages then
  // cost no write at all.
  if (now.getTime() - row.lastSeenAt.getTime() < 60_000) return row;
  return db.consoleSession.update({ where: { id: row.id }, data: { lastSeenAt: now } });
}

export async function endSession(db: DbTx, tokenHash: string, now: Date): Promise<void> {
  await db.consoleSession.updateMany({ where: { tokenHash, endedAt: null }, data: { endedAt: now } });
}

/** Removes links and sessions that can no longer be used. */
export async function pruneConsoleAccess(db: DbTx, before: Date): Promise<void> {
  await db.consoleSignIn.deleteMany({ where: { expiresAt: { lt: before } } });
  await db.consoleSession.deleteMany({ where: { OR: [{ expiresAt: { lt: before } }, { endedAt: { lt: before } }] } });
}

/**
 * The key the console signs its cookies with (CSRF secret, notices). Made once and kept in the
 * database, so it survives restarts and is the same for every copy of the bot on one database.
 */
export async function consoleCookieKey(db: Db, make: () => string): Promise<string> {
  const key = "console:cookie-key";
  const found = await db.systemSetting.findUnique({ where: { key } });
  if (found) return found.value;
  // Two copies starting at once: the first write wins and both read it back.
  await db.systemSetting.createMany({ data: [{ key, value: make() }] }).catch(() => undefined);
  return (await db.systemSetting.findUniqueOrThrow({ where: { key } })).value;
}
