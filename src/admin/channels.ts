/** Channel bindings: which channels a working party's reminders and secretariat messages go to. */
import { z } from "zod";
import type { Db, DbTx } from "../store/index.ts";
import { audit } from "../audit/audit-log.ts";
import { NotFoundError } from "../core/errors.ts";

export const PURPOSES = ["reminders", "secretariat", "general"] as const;
export const Purpose = z.enum(PURPOSES);
export type Purpose = z.infer<typeof Purpose>;

export interface BindInput {
  workingPartyId: number;
  platform: string;
  channelId: string;
  name?: string;
  purpose: Purpose;
  conversationRef?: string | null;
}

/** Binds a channel for a purpose (idempotent); returns whether it was new. */
export async function bindChannel(db: DbTx, b: BindInput): Promise<boolean> {
  const where = { workingPartyId_platform_channelId_purpose: { workingPartyId: b.workingPartyId, platform: b.platform, channelId: b.channelId, purpose: b.purpose } };
  const existing = await db.channelBinding.findUnique({ where });
  // Platforms do not always name the channel in a message (Teams names it when the bot is added): reuse the name known for it.
  const known = b.name ? null : await db.channelBinding.findFirst({ where: { platform: b.platform, channelId: b.channelId, NOT: { name: b.channelId } }, select: { name: true } });
  await db.channelBinding.upsert({
    where,
    create: { workingPartyId: b.workingPartyId, platform: b.platform, channelId: b.channelId, name: b.name ?? known?.name ?? b.channelId, purpose: b.purpose, conversationRef: b.conversationRef ?? null },
    update: { ...(b.name ? { name: b.name } : {}), ...(b.conversationRef ? { conversationRef: b.conversationRef } : {}) },
  });
  return !existing;
}

export async function unbindChannel(db: Db, b: Omit<BindInput, "name" | "conversationRef">): Promise<void> {
  const { count } = await db.channelBinding.deleteMany({ where: { workingPartyId: b.workingPartyId, platform: b.platform, channelId: b.channelId, purpose: b.purpose } });
  if (count === 0) throw new NotFoundError(`${b.channelId} is not bound for ${b.purpose}.`);
}

/** Where a platform says the bot was added (or spoken to) in a channel. */
export interface ChannelSeen {
  platform: string;
  channelId: string;
  /** "Team / Channel" as the platform names it */
  name?: string;
  conversationRef: string;
  /** the working party a new binding goes to */
  defaultWorkingParty: string;
  /** who added the bot or spoke ("teams:aad-…"), for the audit log */
  actor: string;
  at: Date;
}

/**
 * The bot is in a channel: the bindings the secretariat made for it get its (fresh) reference and
 * name, so reminders can reach it; a channel with no binding becomes a `general` binding of the
 * default working party, audited like `bind this channel`. Returns whether a binding was made.
 */
export async function rememberChannel(db: Db, seen: ChannelSeen): Promise<boolean> {
  const bindings = await db.channelBinding.findMany({ where: { platform: seen.platform, channelId: seen.channelId }, select: { id: true, name: true, conversationRef: true } });
  const name = seen.name?.slice(0, 200);
  if (bindings.length > 0) {
    for (const b of bindings) {
      // A binding made in chat is named by the channel's id until the platform tells us its name.
      const rename = name && b.name === seen.channelId ? { name } : {};
      if (b.conversationRef !== seen.conversationRef || "name" in rename)
        await db.channelBinding.updateMany({ where: { id: b.id }, data: { conversationRef: seen.conversationRef, ...rename } });
    }
    return false;
  }
  const wp = await db.workingParty.findUnique({ where: { code: seen.defaultWorkingParty } });
  if (!wp) return false;
  return db.$transaction(async (tx) => {
    const created = await bindChannel(tx, { workingPartyId: wp.id, platform: seen.platform, channelId: seen.channelId, name: name || seen.channelId, purpose: "general", conversationRef: seen.conversationRef });
    if (created) await audit(tx, { workingPartyId: wp.id, actor: seen.actor, action: "channel.bind", subject: `${seen.platform}:${seen.channelId}`, detail: { purpose: "general", via: "bot added" }, at: seen.at });
    return created;
  });
}
