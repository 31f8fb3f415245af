/**
 * Sign-in links and sessions of the web console. Tokens reach this repository already hashed: the
 * database never holds anything a cookie or a link could be rebuilt from.
 */
import type { ConsoleSession } from "./index.ts";
import type { DbTx } from "./store.ts";

/** A person on one platform; their roles live in their Member rows, one per working party. */
export interface Person {
  platform: string;
  platformUserId: string;
}

export class ConsoleAccessRepository {
  private readonly db: DbTx;
  constructor(db: DbTx) {
    this.db = db;
  }

  /** Records a single-use link. */
  async saveSignInLink(link: Person & { tokenHash: string; expiresAt: Date }): Promise<void> {
    await this.db.consoleSignIn.create({ data: link });
  }

  /**
   * Marks a link used if it is unused and unexpired, in one guarded update, so two tabs (or two
   * copies of the bot) opening the same link cannot both succeed. Returns the person or null.
   */
  async useSignInLink(tokenHash: string, now: Date): Promise<Person | null> {
    const { count } = await this.db.consoleSignIn.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (count !== 1) return null;
    const row = await this.db.consoleSignIn.findUnique({ where: { tokenHash } });
    return row ? { platform: row.platform, platformUserId: row.platformUserId } : null;
  }

  /** Whether a link exists (used or not), to tell "used or expired" from "never issued". */
  async signInLinkExists(tokenHash: string): Promise<boolean> {
    return (await this.db.consoleSignIn.count({ where: { tokenHash } })) > 0;
  }

  async saveSession(s: Person & { tokenHash: string; method: string; now: Date; expiresAt: Date }): Promise<ConsoleSession> {
    return this.db.consoleSession.create({
      data: { tokenHash: s.tokenHash, platform: s.platform, platformUserId: s.platformUserId, method: s.method, createdAt: s.now, lastSeenAt: s.now, expiresAt: s.expiresAt },
    });
  }

  /**
   * The live session for a cookie hash, touched: it must be open, seen within `idleMs` and before
   * its absolute end. A session that fails either test is ended here, so it stays ended.
   */
  async touchSession(tokenHash: string, now: Date, idleMs: number): Promise<ConsoleSession | null> {
    const row = await this.db.consoleSession.findUnique({ where: { tokenHash } });
    if (!row || row.endedAt) return null;
    if (row.expiresAt <= now || now.getTime() - row.lastSeenAt.getTime() > idleMs) {
      await this.db.consoleSession.update({ where: { id: row.id }, data: { endedAt: now } });
      return null;
    }
    // Written at most once a minute: the idle timeout needs no finer clock, and most pages then
    // cost no write at all.
    if (now.getTime() - row.lastSeenAt.getTime() < 60_000) return row;
    return this.db.consoleSession.update({ where: { id: row.id }, data: { lastSeenAt: now } });
  }

  async endSession(tokenHash: string, now: Date): Promise<void> {
    await this.db.consoleSession.updateMany({ where: { tokenHash, endedAt: null }, data: { endedAt: now } });
  }

  /** Removes links and sessions that can no longer be used. */
  async prune(before: Date): Promise<void> {
    await this.db.consoleSignIn.deleteMany({ where: { expiresAt: { lt: before } } });
    await this.db.consoleSession.deleteMany({ where: { OR: [{ expiresAt: { lt: before } }, { endedAt: { lt: before } }] } });
  }

  /**
   * The key the console signs its cookies with (CSRF secret, notices). Made once and kept in the
   * database, so it survives restarts and is the same for every copy of the bot on one database.
   */
  async cookieKey(make: () => string): Promise<string> {
    const key = "console:cookie-key";
    const found = await this.db.systemSetting.findUnique({ where: { key } });
    if (found) return found.value;
    // Two copies starting at once: the first write wins and both read it back.
    await this.db.systemSetting.createMany({ data: [{ key, value: make() }] }).catch(() => undefined);
    return (await this.db.systemSetting.findUniqueOrThrow({ where: { key } })).value;
  }
}
