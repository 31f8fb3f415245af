/**
 * Calendar feed subscriptions as stored: one token per (working party, scope, scope value). What
 * a scope means and how the token is made are src/planning's (calendar/calendar-feeds.ts).
 */
import type { CalendarFeed } from "../generated/sqlite/client.ts";
import type { DbTx } from "./store.ts";

export type FeedKey = { workingPartyId: number; scope: string; scopeValue: string };

export class CalendarFeedRepository {
  private readonly db: DbTx;
  constructor(db: DbTx) {
    this.db = db;
  }

  /** The feed for a key, or null. */
  find(key: FeedKey): Promise<CalendarFeed | null> {
    return this.db.calendarFeed.findUnique({ where: { workingPartyId_scope_scopeValue: key } });
  }

  /** The feed for a key, created with `token` when there is none; two at once agree on the first one stored. */
  async ensure(key: FeedKey, token: () => string): Promise<CalendarFeed> {
    const found = await this.find(key);
    if (found) return found;
    try {
      return await this.db.calendarFeed.create({ data: { ...key, token: token() } });
    } catch {
      // Two requests created it at once: the other one won; use its token.
      return this.db.calendarFeed.findUniqueOrThrow({ where: { workingPartyId_scope_scopeValue: key } });
    }
  }

  /** Gives the feed a new token. */
  setToken(id: number, token: string): Promise<CalendarFeed> {
    return this.db.calendarFeed.update({ where: { id }, data: { token } });
  }

  async remove(id: number): Promise<void> {
    await this.db.calendarFeed.delete({ where: { id } });
  }

  /** Whether a delegation leads an action of the working party or a member of it speaks for it (a delegation feed's precondition). */
  async delegationInUse(workingPartyId: number, code: string): Promise<boolean> {
    const [leads, members] = await Promise.all([
      this.db.action.count({ where: { leadDelegation: code, plan: { workingPartyId } } }),
      this.db.member.count({ where: { workingPartyId, delegation: code } }),
    ]);
    return leads + members > 0;
  }

  /** The feed a token names, with its working party, or null. */
  byToken(token: string) {
    return this.db.calendarFeed.findUnique({ where: { token }, include: { workingParty: true } });
  }
}
