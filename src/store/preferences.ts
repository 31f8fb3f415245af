/**
 * A person's own choices that outlive a message (kept as system settings, one key each): which
 * working party their direct messages are about when they belong to several (`wp use CODE`).
 */
import type { DbTx } from "./store.ts";

const dmKey = (platform: string, user: string) => `dm-working-party:${platform}:${user}`;

export class PreferenceRepository {
  private readonly db: DbTx;
  constructor(db: DbTx) {
    this.db = db;
  }

  /** The working party code a person chose for their direct messages, or null. */
  async directWorkingParty(platform: string, user: string): Promise<string | null> {
    return (await this.db.systemSetting.findUnique({ where: { key: dmKey(platform, user) } }))?.value ?? null;
  }

  async setDirectWorkingParty(platform: string, user: string, code: string): Promise<void> {
    const key = dmKey(platform, user);
    await this.db.systemSetting.upsert({ where: { key }, create: { key, value: code }, update: { value: code } });
  }
}
