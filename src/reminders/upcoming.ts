/** What the reminder rules will send in a period, computed without recording anything. */
import type { Db, WorkingParty } from "../store/index.ts";
import { instantAt } from "../time/civil-date.ts";
import { toRule, describeRule, type Rule } from "./rules.ts";
import { candidateDueRange, occurrences } from "./schedule.ts";
import { parseHolidays } from "../time/working-days.ts";
import { remindsOf, supersededPlans } from "./plan-reminders.ts";

export interface UpcomingReminder {
  at: string;
  rule: string;
  plan: number;
  action: string | null;
  title: string;
  due: string;
  dueText: string;
}

export async function upcomingReminders(db: Db, wp: WorkingParty, from: string, until: string): Promise<UpcomingReminder[]> {
  const rules = (await db.reminderRule.findMany({ where: { workingPartyId: wp.id, enabled: true } })).map(toRule).filter((r): r is Rule => r !== null);
  const holidays = parseHolidays(wp.holidays);
  const superseded = await supersededPlans(db, wp.id);
  const out: UpcomingReminder[] = [];
  for (const rule of rules) {
    const range = candidateDueRange(rule, from, until);
    const deadlines = await db.deadline.findMany({
      where: { dueDate: { gte: range.from, lte: range.to }, plan: { workingPartyId: wp.id, status: { not: "closed" } }, OR: [{ actionId: null }, { action: { status: "open" } }] },
      include: { plan: { select: { number: true } }, action: { select: { code: true, title: true } } },
    });
    for (const d of deadlines) {
      if (!remindsOf(rule, d, superseded)) continue;
      for (const occ of occurrences(rule, d.dueDate, from, until, holidays)) {
        out.push({
          at: instantAt(occ.day, rule.deliveryTime, wp.timeZone).toISOString(),
          rule: describeRule(rule),
          plan: d.plan.number,
          action: d.action?.code ?? null,
          title: d.action?.title ?? d.what ?? "Adopt the next action plan",
          due: d.dueDate,
          dueText: d.text,
        });
      }
    }
  }
  return out.sort((a, b) => a.at.localeCompare(b.at) || (a.action ?? "").localeCompare(b.action ?? ""));
}
