/** What the reminder rules will send in a period, computed without recording anything. */
import type { Repositories, WorkingParty } from "../store/index.ts";
import { activeRules, dueReminders } from "./due-reminders.ts";
import { describeRule } from "./rules.ts";

export interface UpcomingReminder {
  at: string;
  rule: string;
  plan: number;
  action: string | null;
  title: string;
  due: string;
  dueText: string;
}

/**
 * The reminders whose day falls in [from, until]; with `after`, only those still to go out (a
 * reminder whose moment has passed was sent, or is sent late by the next tick).
 */
export async function upcomingReminders(repos: Pick<Repositories, "actionPlans" | "reminderRules">, wp: WorkingParty, from: string, until: string, after?: Date): Promise<UpcomingReminder[]> {
  const due = await dueReminders(repos, wp, await activeRules(repos, wp.id), from, until);
  // Identical rules remind once (their keys coincide), so they are listed once.
  const seen = new Set<string>();
  const out: UpcomingReminder[] = [];
  for (const r of due) {
    if (after && r.moment <= after) continue;
    const id = `${r.deadlineId}|${r.ruleId}|${r.occurrence}|${r.item.day}|${r.item.planNumber}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({
      at: r.moment.toISOString(),
      rule: describeRule(r.rule),
      plan: r.item.planNumber,
      action: r.item.actionCode,
      title: r.item.title,
      due: r.item.dueDate,
      dueText: r.item.dueText,
    });
  }
  return out.sort((a, b) => a.at.localeCompare(b.at) || (a.action ?? "").localeCompare(b.action ?? ""));
}
