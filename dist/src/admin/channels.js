/** Channel bindings: which channels a working party's reminders and secretariat messages go to. */
import { z } from "zod";
import { NotFoundError } from "../bot/errors.js";
export const PURPOSES = ["reminders", "secretariat", "general"];
export const Purpose = z.enum(PURPOSES);
/** Binds a channel for a purpose (idempotent); returns whether it was new. */
export async function bindChannel(db, b) {
    const where = { workingPartyId_platform_channelId_purpose: { workingPartyId: b.workingPartyId, platform: b.platform, channelId: b.channelId, purpose: b.purpose } };
    const existing = await db.channelBinding.findUnique({ where });
    await db.channelBinding.upsert({
        where,
        create: { workingPartyId: b.workingPartyId, platform: b.platform, channelId: b.channelId, name: b.name ?? b.channelId, purpose: b.purpose, conversationRef: b.conversationRef ?? null },
        update: { ...(b.name ? { name: b.name } : {}), ...(b.conversationRef ? { conversationRef: b.conversationRef } : {}) },
    });
    return !existing;
}
export async function unbindChannel(db, b) {
    const { count } = await db.channelBinding.deleteMany({ where: { workingPartyId: b.workingPartyId, platform: b.platform, channelId: b.channelId, purpose: b.purpose } });
    if (count === 0)
        throw new NotFoundError(`${b.channelId} is not bound for ${b.purpose}.`);
}
