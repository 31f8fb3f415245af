/** Channel bindings: which channels a working party's reminders and secretariat messages go to. */
import { z } from "zod";
import type { Db, DbTx } from "../store/index.ts";
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
  await db.channelBinding.upsert({
    where,
    create: { workingPartyId: b.workingPartyId, platform: b.platform, channelId: b.channelId, name: b.name ?? b.channelId, purpose: b.purpose, conversationRef: b.conversationRef ?? null },
    update: { ...(b.name ? { name: b.name } : {}), ...(b.conversationRef ? { conversationRef: b.conversationRef } : {}) },
  });
  return !existing;
}

export async function unbindChannel(db: Db, b: Omit<BindInput, "name" | "conversationRef">): Promise<void> {
  const { count } = await db.channelBinding.deleteMany({ where: { workingPartyId: b.workingPartyId, platform: b.platform, channelId: b.channelId, purpose: b.purpose } });
  if (count === 0) throw new NotFoundError(`${b.channelId} is not bound for ${b.purpose}.`);
}

/** Removes a channel's bindings to every working party but `workingPartyId`; returns their codes. */
export async function moveChannelTo(db: DbTx, channel: { platform: string; channelId: string }, workingPartyId: number): Promise<string[]> {
  const others = await db.channelBinding.findMany({ where: { ...channel, workingPartyId: { not: workingPartyId } }, include: { workingParty: true } });
  if (others.length === 0) return [];
  await db.channelBinding.deleteMany({ where: { id: { in: others.map((b) => b.id) } } });
  return [...new Set(others.map((b) => b.workingParty.code))];
}
