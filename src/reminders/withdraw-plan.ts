/**
 * When a plan is removed, its reminders that have not gone out must never go out. Reminders wait
 * in the outbox as digests (one message per address and tick) carrying reminder items; an item
 * belongs to a plan by its key ("rem:CCWP:12:…", reminder-keys.ts). For each unsent digest that
 * carries or names an item of the plan: the digest is withdrawn when nothing else is in it, and
 * otherwise rewritten without the plan's items. The plan's items that were never sent are deleted,
 * so a corrected plan imported again under the same number is reminded of; the ones that went out
 * stay, so nothing is sent twice (the keys' promise). Runs in the caller's unit of work.
 */
import type { Deliveries } from "../store/deliveries.ts";
import { civilDateAt } from "../time/civil-date.ts";
import { digestReply, type ReminderItem } from "./digest.ts";

export interface Withdrawn {
  /** digests that will not go out at all */
  withdrawn: number;
  /** digests that go out without the plan's reminders */
  rewritten: number;
  /** reminder items of the plan forgotten (never sent) */
  forgotten: number;
}

/** Key prefix of every reminder of a plan. */
export const planReminderPrefix = (workingParty: string, planNumber: number) => `rem:${workingParty}:${planNumber}:`;

export async function withdrawPlanReminders(deliveries: Deliveries, wp: { code: string; timeZone: string }, planNumber: number): Promise<Withdrawn> {
  const prefix = planReminderPrefix(wp.code, planNumber);
  const items = await deliveries.reminderItems(prefix);
  const digestKeys = [...new Set(items.flatMap((i) => (i.platformRef ? [i.platformRef] : [])))];
  const unsent = await deliveries.unsentDigests(digestKeys);
  const result: Withdrawn = { withdrawn: 0, rewritten: 0, forgotten: 0 };
  for (const d of unsent) {
    const others = (await deliveries.itemsOf(d.key)).filter((i) => !i.key.startsWith(prefix));
    if (others.length === 0) {
      result.withdrawn += await deliveries.withdraw({ ids: [d.id] }, `plan ${planNumber} was removed`);
      continue;
    }
    const read = (status: string) => others.filter((i) => i.status === status).map((i) => JSON.parse(i.payload) as ReminderItem);
    // Counted from the digest's own moment ("overdue by N days" as on the day it was due).
    const body = digestReply({ workingParty: wp.code, items: read("grouped"), missed: read("skipped"), today: civilDateAt(d.dueAt, wp.timeZone), late: d.late, escalation: d.kind === "escalation" });
    if (await deliveries.rewrite(d.id, JSON.stringify([body]))) result.rewritten++;
  }
  // Digests that went out (or were refused or given up for good) keep their items: a re-import must
  // not send them again. The rest never went out: not yet named (skipped, no digest) or carried by
  // a digest withdrawn or rewritten above.
  const settled = new Set(digestKeys.filter((k) => !unsent.some((d) => d.key === k)));
  const neverSent = items.filter((i) => i.platformRef === null || !settled.has(i.platformRef));
  result.forgotten = await deliveries.forgetItems(neverSent.map((i) => i.key));
  return result;
}
