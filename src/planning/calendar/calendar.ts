/**
 * iCalendar feeds of deadlines (the `ics` package): per working party, per plan or per lead
 * delegation. Deadlines are all-day events on their due day with the original words in the
 * summary; plan ends and "adopt the next plan by" days are events too. UIDs are built from codes,
 * not row ids, so a re-imported plan updates calendars instead of duplicating events.
 */
import { createRequire } from "node:module";
import type { EventAttributes } from "ics";

// Loaded on first use, not by every command that imports planning.
const load = createRequire(import.meta.url);
import type { Repositories } from "../../store/index.ts";
import { civilParts, longDate, type CivilDate } from "../../time/civil-date.ts";
import { listDeadlines } from "../deadlines/deadlines.ts";
import { dueWords } from "../../time/due-words.ts";
import { foldIcsLines } from "./ics-lines.ts";

/** What a feed covers. */
export type FeedScope = { kind: "wp" } | { kind: "plan"; number: number } | { kind: "delegation"; code: string };

const UID_DOMAIN = "secretariat-bot";

/** The all-day event date and the exclusive end (next day), as ics date arrays. */
function allDay(day: CivilDate): { start: [number, number, number]; end: [number, number, number] } {
  const p = civilParts(day)!;
  const next = new Date(Date.UTC(p.y, p.m - 1, p.d + 1));
  return { start: [p.y, p.m, p.d], end: [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()] };
}

const uidPart = (s: string) => s.toLowerCase().replace(/[^a-z0-9.]+/g, "-");
const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Builds the iCalendar text of one working party's feed. `today` sets the done/overdue marks. */
export async function buildCalendar(repos: Pick<Repositories, "workingParties" | "actionPlans">, workingPartyCode: string, scope: FeedScope, today: CivilDate): Promise<string> {
  const wp = await repos.workingParties.find(workingPartyCode);
  if (!wp) throw new RangeError(`no working party ${workingPartyCode}`);
  const plans = await repos.actionPlans.inOrder(wp.id, scope.kind === "plan" ? scope.number : undefined);
  const rows = await listDeadlines(
    repos,
    { workingPartyId: wp.id, ...(scope.kind === "plan" ? { planNumber: scope.number } : {}), ...(scope.kind === "delegation" ? { leadDelegation: scope.code } : {}) },
    today,
  );
  const code = wp.code;
  const events: EventAttributes[] = [];
  const base = (uid: string, day: CivilDate) => ({ ...allDay(day), uid: `${uid}@${UID_DOMAIN}`, startInputType: "local" as const, startOutputType: "local" as const, transp: "TRANSPARENT" as const, busyStatus: "FREE" as const });
  for (const r of rows) {
    if (r.action === null) continue; // the plan-level deadline is emitted with the plan below
    const mark = r.status === "done" ? "✓ " : "";
    events.push({
      ...base(`${uidPart(code)}-plan${r.plan}-action-${uidPart(r.action)}-deadline-${r.ord}`, r.due),
      // the calendar shows the day; the title adds the words only when they say more than it
      title: `${mark}${code} ${r.action}: ${[dueWords(r.dueText, r.due), cut(r.title, 80)].filter(Boolean).join(" — ")}`,
      description: [r.title, r.what ? `Due: ${r.what}` : "", `Deadline as written: "${r.dueText}" (${r.precision}; due ${longDate(r.due)})`, `Plan ${r.plan} of ${code}`, r.leadDelegation ? `Lead: ${r.leadDelegation}` : "", `Status: ${r.status}`]
        .filter(Boolean)
        .join("\n"),
      categories: [code, `plan ${r.plan}`, r.status],
    });
  }
  if (scope.kind !== "delegation") {
    for (const p of plans) {
      events.push({
        ...base(`${uidPart(code)}-plan${p.number}-end`, p.endDate),
        title: `${code} plan ${p.number} ends — ${cut(p.title, 80)}`,
        description: `${p.title}\n${longDate(p.startDate)} – ${longDate(p.endDate)}`,
        categories: [code, `plan ${p.number}`],
      });
      events.push({
        ...base(`${uidPart(code)}-plan${p.number}-adopt-next`, p.adoptNextBy),
        title: `${code}: adopt the next action plan (plan ${p.number} ends ${longDate(p.endDate)})`,
        description: `The strategy: adopt a new action plan at least ${wp.adoptLeadMonths} months before the end of the current one.`,
        categories: [code, `plan ${p.number}`],
      });
    }
  }
  const calName = `${code} deadlines${scope.kind === "plan" ? ` — plan ${scope.number}` : scope.kind === "delegation" ? ` — led by ${scope.code}` : ""}`;
  if (events.length === 0) return foldIcsLines(emptyCalendar(calName));
  const { createEvents } = load("ics") as typeof import("ics");
  const { error, value } = createEvents(events, { productId: "secretariat-bot", calName, method: "PUBLISH" });
  if (error || !value) throw error ?? new Error("ics produced nothing");
  return foldIcsLines(value);
}

/** A valid calendar with no events (ics refuses an empty list). */
function emptyCalendar(name: string): string {
  return ["BEGIN:VCALENDAR", "VERSION:2.0", "CALSCALE:GREGORIAN", "PRODID:secretariat-bot", "METHOD:PUBLISH", `X-WR-CALNAME:${name}`, "END:VCALENDAR", ""].join("\r\n");
}
