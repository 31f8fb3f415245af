/**
 * Records due reminders in the outbox. Each (deadline, rule, occurrence, address) becomes one
 * "reminder-item" record with a key built from stable identities (reminder-keys.ts), never sent
 * itself; the items one address gets in a tick are sent together as one digest. Because the item
 * keys are unique, a repeated tick, a restart, a clock jump backwards, a second copy of the bot,
 * a re-import or an identical rule records nothing twice, and so sends nothing twice.
 *
 * Downtime: the window reaches back to the last tick (at most 60 days). Reminders whose moment is
 * within the catch-up window are sent, marked late; older ones are recorded as skipped and named in
 * the address's next digest (so are those of a digest given up after an outage).
 */
import type { Logger } from "../log/logger.ts";
import type { Platform } from "../core/message.ts";
import type { Store, WorkingParty } from "../store/index.ts";
import { civilDateAt } from "../time/civil-date.ts";
import { chairsOrSecretariat, type Addressee } from "../outbox/recipients.ts";
import type { Outbox } from "../outbox/outbox.ts";
import { activeRules, dueReminders } from "./due-reminders.ts";
import { addressIdentity, reminderKey } from "./reminder-keys.ts";
import { recordReminders, type PlannedItem, type PlanSummary } from "./record-reminders.ts";

export type { PlanSummary } from "./record-reminders.ts";

/** A reminder this late is "late"; one older than the catch-up window is skipped. */
const LATE_AFTER_MS = 10 * 60_000;
const MAX_LOOKBACK_MS = 60 * 24 * 3600_000;

const watermarkKey = (wp: WorkingParty) => `reminders:last-tick:${wp.id}`;

/** Records every reminder due at `now` (and missed since the last tick) for all working parties. */
export async function planReminders(store: Store, outbox: Outbox, now: Date, logger: Logger): Promise<PlanSummary> {
  const total: PlanSummary = { items: 0, skipped: 0, digests: 0 };
  for (const wp of await store.repos.workingParties.list()) {
    const s = await planForWorkingParty(store, outbox, wp, now, logger);
    total.items += s.items;
    total.skipped += s.skipped;
    total.digests += s.digests;
  }
  return total;
}

async function planForWorkingParty(store: Store, outbox: Outbox, wp: WorkingParty, now: Date, logger: Logger): Promise<PlanSummary> {
  const repos = store.repos;
  const rules = await activeRules(repos, wp.id);
  const catchUpMs = wp.catchUpHours * 3600_000;
  const settings = repos.settings;
  const mark = await settings.get(watermarkKey(wp));
  const lastTick = mark !== null ? new Date(mark) : null;
  const windowStart = new Date(Math.max(now.getTime() - MAX_LOOKBACK_MS, Math.min(lastTick?.getTime() ?? Infinity, now.getTime() - catchUpMs)));
  const due = (await dueReminders(repos, wp, rules, civilDateAt(windowStart, wp.timeZone), civilDateAt(now, wp.timeZone))).filter((r) => r.moment <= now && r.moment >= windowStart);

  const planned: PlannedItem[] = [];
  if (due.length > 0) {
    // oldest first, whatever the purpose: the order the targets are addressed in
    const bindings = (await repos.channels.inWorkingParty(wp.id)).sort((a, b) => a.id - b.id);
    const channelTarget = (b: (typeof bindings)[number]): Addressee => target(b.platform as Platform, "channel", b.channelId, b.conversationRef);
    const reminderChannels = bindings.filter((b) => b.purpose === "reminders").map(channelTarget);
    const escalationTargets = (await chairsOrSecretariat(repos, wp.id)).map((a) => target(a.platform, a.to.kind, a.to.id, a.to.ref ?? null));
    for (const r of due) {
      const targets = r.rule.kind === "escalate" ? escalationTargets : r.rule.channelIds.length ? bindings.filter((b) => r.rule.channelIds.includes(b.id)).map(channelTarget) : reminderChannels;
      const age = now.getTime() - r.moment.getTime();
      for (const t of targets) {
        const key = reminderKey({ workingParty: wp.code, planNumber: r.item.planNumber, deadline: r.deadlineId, rule: r.ruleId, occurrence: r.occurrence, day: r.item.day, address: t.id });
        planned.push({ key, target: t, moment: r.moment, skipped: age > catchUpMs, late: age > LATE_AFTER_MS, item: r.item });
      }
    }
  }

  const summary = await recordReminders(store, outbox, wp, planned, now, logger);
  // The watermark only moves forward, so a clock jump backwards re-reads nothing it must not.
  if (!lastTick || now > lastTick) {
    await settings.put(watermarkKey(wp), now.toISOString());
  }
  return summary;
}

function target(platform: Platform, kind: "channel" | "user", address: string, ref: string | null): Addressee {
  return { id: addressIdentity({ platform, kind, address }), platform, to: { kind, id: address, ref } };
}
