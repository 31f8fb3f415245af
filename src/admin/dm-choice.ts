/**
 * Which working party a person's direct messages are about, when they belong to several
 * (`wp use CODE`). Kept per person and platform; a channel's own binding always counts first.
 */
import type { DbTx } from "../store/index.ts";

const choiceKey = (platform: string, user: string) => `dm-working-party:${platform}:${user}`;

/** The working party a person chose for their direct messages, if any. */
export async function chosenWorkingParty(db: DbTx, platform: string, user: string): Promise<string | null> {
  return (await db.systemSetting.findUnique({ where: { key: choiceKey(platform, user) } }))?.value ?? null;
}

/** Remembers the working party a person's direct messages are about. */
export async function chooseWorkingParty(db: DbTx, platform: string, user: string, code: string): Promise<void> {
  const key = choiceKey(platform, user);
  await db.systemSetting.upsert({ where: { key }, create: { key, value: code }, update: { value: code } });
}
