/**
 * System settings: small named values kept across restarts and shared by every copy of the bot
 * on one database (a watermark, a platform adapter's short-lived state). The key is unique, so
 * `add` is also how two copies agree on who did something first.
 */
import type { DbTx } from "./store.ts";

export class SettingRepository {
  private readonly db: DbTx;
  constructor(db: DbTx) {
    this.db = db;
  }

  /** The value under `key`, or null. */
  async get(key: string): Promise<string | null> {
    return (await this.db.systemSetting.findUnique({ where: { key } }))?.value ?? null;
  }

  /** Sets `key` to `value`, whether or not it was set. */
  async put(key: string, value: string): Promise<void> {
    await this.db.systemSetting.upsert({ where: { key }, create: { key, value }, update: { value } });
  }

  /** Adds `key`; false when it exists already (here, or written by another copy meanwhile). */
  async add(key: string, value: string): Promise<boolean> {
    try {
      await this.db.systemSetting.create({ data: { key, value } });
      return true;
    } catch (e) {
      if ((e as { code?: string }).code === "P2002") return false;
      throw e;
    }
  }

  /** How many of `keys` are set. */
  count(keys: readonly string[]): Promise<number> {
    return this.db.systemSetting.count({ where: { key: { in: [...keys] } } });
  }

  /** Deletes the keys starting with `prefix` last written before `before`; how many. */
  async deleteOlder(prefix: string, before: Date): Promise<number> {
    return (await this.db.systemSetting.deleteMany({ where: { key: { startsWith: prefix }, updatedAt: { lt: before } } })).count;
  }
}
