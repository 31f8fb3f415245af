/**
 * Who proactive notices go to: the secretariat channels of a working party, or its chairs directly
 * (falling back to the secretariat channels when it has no chair). Reminders' escalations, the
 * collection's chase digests, forwarded questions and delivery failures all address these.
 */
import type { Platform } from "../core/message.ts";
import type { Repositories } from "../store/index.ts";
import type { Recipient } from "../core/messenger.ts";

export interface Addressee {
  /** stable, for idempotency keys: "ch<binding id>" or "m<member id>" */
  id: string;
  platform: Platform;
  to: Recipient;
}

/** The channels bound "for the secretariat". */
export async function secretariatChannels(repos: Pick<Repositories, "channels">, workingPartyId: number): Promise<Addressee[]> {
  const rows = await repos.channels.forPurpose(workingPartyId, "secretariat");
  return rows.map((b) => ({ id: `ch${b.id}`, platform: b.platform as Platform, to: { kind: "channel", id: b.channelId, ref: b.conversationRef } }));
}

/** Each chair in a direct message; the secretariat channels when the working party has no chair. */
export async function chairsOrSecretariat(repos: Pick<Repositories, "channels" | "members">, workingPartyId: number): Promise<Addressee[]> {
  const chairs = await repos.members.chairs(workingPartyId);
  if (chairs.length === 0) return secretariatChannels(repos, workingPartyId);
  return chairs.map((m) => ({ id: `m${m.id}`, platform: m.platform as Platform, to: { kind: "user", id: m.platformUserId, ref: m.directRef } }));
}
