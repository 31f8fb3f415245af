/**
 * Which reminders the rules produce between two days: one read of the deadlines that may be due
 * (`candidateDueRange` inverts the schedule), then the occurrences of each rule. Used by the
 * planner (what to record now) and by the upcoming list (what will be sent), so both agree.
 */
import { parseHolidays, type Repositories, type WorkingParty } from "../store/index.ts";
import { leadLabel } from "../store/plans/leads.ts";
import { instantAt, type CivilDate } from "../time/civil-date.ts";
import type { ReminderItem } from "./digest.ts";
import { deadlineIdentity, ruleIdentity } from "./reminder-keys.ts";
import { isSuperseded } from "../planning/cycle/plans.ts";
import { toRule, type Rule } from "./rules.ts";
import { candidateDueRange, occurrences } from "./schedule.ts";

export interface DueReminder {
  rule: Rule;
  /** the instant it goes out (the day at the rule's time, in the working party's zone) */
  moment: Date;
  occurrence: number;
  item: ReminderItem;
  /** stable identities, for keys */
  deadlineId: string;
  ruleId: string;
}

/** The working party's enabled rules, parsed (unknown kinds from a newer version left out). */
export async function activeRules(repos: Pick<Repositories, "reminderRules">, workingPartyId: number): Promise<Rule[]> {
  const rows = await repos.reminderRules.enabled(workingPartyId);
  return rows.map(toRule).filter((r): r is Rule => r !== null);
}

/**
 * Whether a rule reminds of a deadline at all: an action's while it is open (the query checks),
 * a plan's own date (adopt the next plan by) until a later plan exists, and never escalated (the
 * chair is told of actions; plan dates reach the channels).
 */
export function remindsOf(rule: Rule, d: { actionId: number | null; planId: number }, superseded: ReadonlySet<number>): boolean {
  if (d.actionId !== null) return true;
  return !superseded.has(d.planId) && rule.kind !== "escalate";
}

/** Plans a later plan has followed: their own dates (adopt the next plan by) are settled. */
export async function supersededPlans(repos: Pick<Repositories, "actionPlans">, workingPartyId: number): Promise<Set<number>> {
  const plans = await repos.actionPlans.numbers(workingPartyId);
  return new Set(plans.filter((p) => isSuperseded(p, plans)).map((p) => p.id));
}

/** Every reminder of `rules` whose day falls in [fromDay, toDay], ordered by moment. */
export async function dueReminders(repos: Pick<Repositories, "actionPlans">, wp: WorkingParty, rules: Rule[], fromDay: CivilDate, toDay: CivilDate): Promise<DueReminder[]> {
  if (rules.length === 0) return [];
  const ranges = new Map(rules.map((r) => [r.id, candidateDueRange(r, fromDay, toDay)]));
  // One read for every rule's candidate due days; a quiet minute costs this query and little else.
  const candidates = await repos.actionPlans.remindable(wp.id, [...ranges.values()]);
  if (candidates.length === 0) return [];
  const superseded = await supersededPlans(repos, wp.id);
  const holidays = parseHolidays(wp.holidays);
  // Many deadlines share a day: work out each day's delivery instant once.
  const moments = new Map<string, Date>();
  const momentOf = (day: string, time: string) => {
    const k = `${day} ${time}`;
    let m = moments.get(k);
    if (!m) moments.set(k, (m = instantAt(day, time, wp.timeZone)));
    return m;
  };
  const out: DueReminder[] = [];
  for (const rule of rules) {
    const range = ranges.get(rule.id)!;
    const ruleId = ruleIdentity(rule);
    for (const d of candidates) {
      if (d.dueDate < range.from || d.dueDate > range.to || !remindsOf(rule, d, superseded)) continue;
      const deadlineId = deadlineIdentity({ actionCode: d.action?.code ?? null, dueDate: d.dueDate, what: d.what });
      for (const occ of occurrences(rule, d.dueDate, fromDay, toDay, holidays)) {
        const lead = d.action ? leadLabel(d.action, d.action.leadMember) : null;
        out.push({
          rule,
          ruleId,
          deadlineId,
          occurrence: occ.index,
          moment: momentOf(occ.day, rule.deliveryTime),
          item: {
            kind: rule.kind,
            planNumber: d.plan.number,
            planTitle: d.plan.title,
            actionCode: d.action?.code ?? null,
            title: d.action ? d.action.title : (d.what ?? "Adopt the next action plan"),
            dueDate: d.dueDate,
            dueText: d.text,
            lead,
            day: occ.day,
          },
        });
      }
    }
  }
  return out.sort((a, b) => a.moment.getTime() - b.moment.getTime() || (a.item.actionCode ?? "").localeCompare(b.item.actionCode ?? ""));
}
