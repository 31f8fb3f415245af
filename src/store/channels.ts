/**
 * Channel bindings: which channels a working party's reminders, secretariat messages and general
 * messages go to, on each platform, with the conversation reference a platform needs to speak
 * there later (Teams; JSON text, written and read here).
 */
import type { ChannelBinding } from "../generated/sqlite/client.ts";
import { parseJsonColumn } from "./json.ts";
import type { DbTx } from "./store.ts";

/** What a channel is bound for. */
export const PURPOSES = ["reminders", "secretariat", "general"] as const;
export type Purpose = (typeof PURPOSES)[number];

export interface BindingKey {
  workingPartyId: number;
  platform: string;
  channelId: string;
  purpose: Purpose;
}

export class ChannelRepository {
  private readonly db: DbTx;
  constructor(db: DbTx) {
    this.db = db;
  }

  /**
   * Binds a channel for a purpose (idempotent: a second bind keeps the first row, refreshing its
   * name and reference when given). Returns whether the binding is new.
   */
  async bind(b: BindingKey & { name?: string; conversationRef?: string | null }): Promise<boolean> {
    const key = { workingPartyId: b.workingPartyId, platform: b.platform, channelId: b.channelId, purpose: b.purpose };
    const where = { workingPartyId_platform_channelId_purpose: key };
    const existing = await this.db.channelBinding.findUnique({ where });
    // Platforms do not name the channel in every message (Teams does when the bot is added): reuse a name known for it.
    const known = b.name ? null : await this.db.channelBinding.findFirst({ where: { platform: b.platform, channelId: b.channelId, NOT: { name: b.channelId } }, select: { name: true } });
    await this.db.channelBinding.upsert({
      where,
      create: { ...key, name: (b.name ?? known?.name ?? b.channelId).slice(0, 200), conversationRef: b.conversationRef ?? null },
      update: { ...(b.name ? { name: b.name.slice(0, 200) } : {}), ...(b.conversationRef ? { conversationRef: b.conversationRef } : {}) },
    });
    return !existing;
  }

  /** Removes a binding; returns whether there was one. */
  async unbind(b: BindingKey): Promise<boolean> {
    const { count } = await this.db.channelBinding.deleteMany({ where: b });
    return count > 0;
  }

  /** A working party's bindings, by purpose, oldest first. */
  inWorkingParty(workingPartyId: number): Promise<ChannelBinding[]> {
    return this.db.channelBinding.findMany({ where: { workingPartyId }, orderBy: [{ purpose: "asc" }, { id: "asc" }] });
  }

  /** A working party's bindings as the console lists them: by platform, then channel name. */
  byPlatform(workingPartyId: number): Promise<ChannelBinding[]> {
    return this.db.channelBinding.findMany({ where: { workingPartyId }, orderBy: [{ platform: "asc" }, { name: "asc" }] });
  }

  /** The bindings for one purpose, oldest first. */
  forPurpose(workingPartyId: number, purpose: Purpose): Promise<ChannelBinding[]> {
    return this.db.channelBinding.findMany({ where: { workingPartyId, purpose }, orderBy: { id: "asc" } });
  }

  /** Every binding of a platform channel, in any working party, oldest first. */
  ofChannel(platform: string, channelId: string): Promise<ChannelBinding[]> {
    return this.db.channelBinding.findMany({ where: { platform, channelId }, orderBy: { id: "asc" } });
  }

  /** Stores a fresh conversation reference on every binding of a channel; returns how many changed. */
  async refreshConversationRef(platform: string, channelId: string, ref: unknown): Promise<number> {
    const data = JSON.stringify(ref);
    const { count } = await this.db.channelBinding.updateMany({ where: { platform, channelId, OR: [{ conversationRef: null }, { NOT: { conversationRef: data } }] }, data: { conversationRef: data } });
    return count;
  }

  /** Names the bindings of a channel that are still named by its id; returns how many changed. */
  async nameUnnamed(platform: string, channelId: string, name: string): Promise<number> {
    const { count } = await this.db.channelBinding.updateMany({ where: { platform, channelId, name: channelId }, data: { name: name.slice(0, 200) } });
    return count;
  }

  /** Up to `limit` conversation references stored on a platform's bindings, most recent first, parsed. */
  async conversationRefs(platform: string, limit: number): Promise<unknown[]> {
    const rows = await this.db.channelBinding.findMany({ where: { platform, conversationRef: { not: null } }, orderBy: { id: "desc" }, take: limit, select: { conversationRef: true } });
    return rows.map((b) => parseJsonColumn(b.conversationRef, null)).filter((r) => r !== null);
  }

  /** The conversation reference of the most recent binding on a platform that has one, parsed, or null. */
  async latestConversationRef(platform: string): Promise<unknown> {
    const b = await this.db.channelBinding.findFirst({ where: { platform, conversationRef: { not: null } }, orderBy: { id: "desc" }, select: { conversationRef: true } });
    return parseJsonColumn(b?.conversationRef, null);
  }
}

