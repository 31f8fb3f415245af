/**
 * Calendar feed subscriptions: one unguessable token per (working party, scope), stored in
 * CalendarFeed, so a feed URL can be shared without exposing the others.
 */
import { randomBytes } from "node:crypto";
import type { CalendarFeed, Repositories } from "../store/index.ts";
import type { CivilDate } from "../time/civil-date.ts";
import { buildCalendar, type FeedScope } from "./calendar.ts";

/** The token's shape in URLs: 32 url-safe characters (192 random bits). */
export const FEED_TOKEN = /^[A-Za-z0-9_-]{32}$/;

const scopeValue = (s: FeedScope) => (s.kind === "plan" ? String(s.number) : s.kind === "delegation" ? s.code : "");

/** The feed for a scope, created with a fresh token the first time. */
export function ensureFeed(repos: Pick<Repositories, "calendarFeeds">, workingPartyId: number, scope: FeedScope): Promise<CalendarFeed> {
  return repos.calendarFeeds.ensure({ workingPartyId, scope: scope.kind, scopeValue: scopeValue(scope) }, () => randomBytes(24).toString("base64url"));
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
