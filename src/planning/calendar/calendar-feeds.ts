/**
 * Calendar feed subscriptions: one unguessable token per (working party, scope), stored in
 * CalendarFeed, so a feed URL can be shared without exposing the others, and rotated or revoked
 * by the secretariat when it leaked.
 */
import { randomBytes } from "node:crypto";
import type { CalendarFeed, Repositories } from "../../store/index.ts";
import type { CivilDate } from "../../time/civil-date.ts";
import { buildCalendar, type FeedScope } from "./calendar.ts";

/** The token's shape in URLs: 32 url-safe characters (192 random bits). */
export const FEED_TOKEN = /^[A-Za-z0-9_-]{32}$/;

const scopeValue = (s: FeedScope) => (s.kind === "plan" ? String(s.number) : s.kind === "delegation" ? s.code : "");

/** The feed for a scope, created with a fresh token the first time. */
export function ensureFeed(repos: Pick<Repositories, "calendarFeeds">, workingPartyId: number, scope: FeedScope): Promise<CalendarFeed> {
  return repos.calendarFeeds.ensure({ workingPartyId, scope: scope.kind, scopeValue: scopeValue(scope) }, newToken);
}

/** How a feed's scope is named in replies and audit entries. */
export function feedScopeName(scope: FeedScope, wpCode: string): string {
  return scope.kind === "plan" ? `plan ${scope.number} of ${wpCode}` : scope.kind === "delegation" ? `actions of ${wpCode} led by ${scope.code}` : `every plan of ${wpCode}`;
}

/**
 * Whether a delegation has anything to do with the working party: it leads one of its actions,
 * or one of its members speaks for it. A feed is made only for those, so `calendar XX` with codes
 * nobody uses here makes no row.
 */
export function delegationKnownIn(repos: Pick<Repositories, "calendarFeeds">, workingPartyId: number, code: string): Promise<boolean> {
  return repos.calendarFeeds.delegationInUse(workingPartyId, code);
}

/** The existing feed of a scope, or null. */
export function findFeed(repos: Pick<Repositories, "calendarFeeds">, workingPartyId: number, scope: FeedScope): Promise<CalendarFeed | null> {
  return repos.calendarFeeds.find({ workingPartyId, scope: scope.kind, scopeValue: scopeValue(scope) });
}

/** Gives a feed a new token: its old URL stops working at once. */
export function rotateFeed(repos: Pick<Repositories, "calendarFeeds">, feed: CalendarFeed): Promise<CalendarFeed> {
  return repos.calendarFeeds.setToken(feed.id, newToken());
}

/** Removes a feed: its URL stops working; asking for the scope again makes a new token. */
export function revokeFeed(repos: Pick<Repositories, "calendarFeeds">, feed: CalendarFeed): Promise<void> {
  return repos.calendarFeeds.remove(feed.id);
}

function newToken(): string {
  return randomBytes(24).toString("base64url");
}

/** The public URL of a feed. */
export function feedUrl(base: string, feed: { token: string }): string {
  return `${base.replace(/\/+$/, "")}/calendar/${feed.token}.ics`;
}

/** The iCalendar text of the feed a token names, or null for an unknown token. */
export async function feedCalendar(repos: Repositories, token: string, today: (timeZone: string) => CivilDate): Promise<string | null> {
  if (!FEED_TOKEN.test(token)) return null;
  const feed = await repos.calendarFeeds.byToken(token);
  if (!feed) return null;
  const scope: FeedScope =
    feed.scope === "plan" ? { kind: "plan", number: Number(feed.scopeValue) } : feed.scope === "delegation" ? { kind: "delegation", code: feed.scopeValue } : { kind: "wp" };
  return buildCalendar(repos, feed.workingParty.code, scope, today(feed.workingParty.timeZone));
}
