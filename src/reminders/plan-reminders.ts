/**
 * Writes due reminders into the outbox. Each (deadline, rule, occurrence, channel) becomes one
 * "reminder-item" row with a unique key, never sent itself; the items of one channel and moment are
 * sent together as one digest. Because the item keys are unique, a repeated tick, a restart, a clock
 * jump backwards or a second copy of the bot records nothing twice, and so sends nothing twice.
 *
 * Downtime: the window reaches back to the last tick (at most 60 days). Reminders whose moment is
 * within the catch-up window are sent, marked late; older ones are recorded as skipped and named in
 * the channel's next digest.
 */
import { createHash } from "node:crypto";
import type { Logger } from "../log/logger.ts";
import type { Platform } from "../core/message.ts";
import type { Db, DbTx, Store, WorkingParty } from "../store/index.ts";
import { civilDateAt, instantAt } from "../time/civil-date.ts";
import { digestReply, type ReminderItem } from "./digest.ts";
import { toRule, type Rule } from "./rules.ts";
import { candidateDueRange, occurrences } from "./schedule.ts";
import { parseHolidays } from "../time/working-days.ts";
import { chairsOrSecretariat } from "../outbox/recipients.ts";

/** A reminder this late is "late"; one older than the catch-up window is skipped. */
const LATE_AFTER_MS = 10 * 60_000;
const MAX_LOOKBACK_MS = 60 * 24 * 3600_000;

interface Target {
  /** "ch12" (channel binding) or "m7" (member) */
  id: string;
  platform: Platform;
  kind: "channel" | "user";
  address: string;
  ref: string | null;
}

interface PlannedItem {
  key: string;
  target: Target;
  moment: Date;
  skipped: boolean;
  late: boolean;
  item: ReminderItem;
}

export interface PlanSummary {
  items: number;
  skipped: number;
  digests: number;
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

const watermarkKey = (wp: WorkingParty) => `reminders:last-tick:${wp.id}`;

/** Records every reminder due at `now` (and missed since the last tick) for all working parties. */
export async function planReminders(store: Store, now: Date, logger: Logger): Promise<PlanSummary> {
  const total: PlanSummary = { items: 0, skipped: 0, digests: 0 };
  for (const wp of await store.db.workingParty.findMany()) {
    const s = await planForWorkingParty(store.db, wp, now, logger);
    total.items += s.items;
    total.skipped += s.skipped;
    total.digests += s.digests;
  }
  return total;
}

async function planForWorkingParty(db: Db, wp: WorkingParty, now: Date, logger: Logger): Promise<PlanSummary> {
  const rules = (await db.reminderRule.findMany({ where: { workingPartyId: wp.id, enabled: true }, orderBy: { id: "asc" } }))
    .map(toRule)
    .filter((r): r is Rule => r !== null);
  const summary: PlanSummary = { items: 0, skipped: 0, digests: 0 };
  if (rules.length === 0) return summary;

  const catchUpMs = wp.catchUpHours * 3600_000;
  const mark = await db.systemSetting.findUnique({ where: { key: watermarkKey(wp) } });
  const lastTick = mark ? new Date(mark.value) : null;
  const windowStart = new Date(Math.max(now.getTime() - MAX_LOOKBACK_MS, Math.min(lastTick?.getTime() ?? Infinity, now.getTime() - catchUpMs)));
  const fromDay = civilDateAt(windowStart, wp.timeZone);
  const toDay = civilDateAt(now, wp.timeZone);
  const holidays = parseHolidays(wp.holidays);

  // One read for every rule's candidate due days; a quiet minute costs this query and little else.
  const ranges = new Map(rules.map((r) => [r.id, candidateDueRange(r, fromDay, toDay)]));
  const candidates = await db.deadline.findMany({
    where: {
      OR: [...ranges.values()].map((r) => ({ dueDate: { gte: r.from, lte: r.to } })),
      plan: { workingPartyId: wp.id, status: { not: "closed" } },
      AND: [{ OR: [{ actionId: null }, { action: { status: "open" } }] }],
    },
    include: { plan: { select: { id: true, number: true, title: true } }, action: { include: { leadMember: { select: { displayName: true } } } } },
  });

  const planned: PlannedItem[] = [];
  if (candidates.length > 0) {
    const bindings = await db.channelBinding.findMany({ where: { workingPartyId: wp.id } });
    const reminderChannels = bindings.filter((b) => b.purpose === "reminders");
    const channelTarget = (b: (typeof bindings)[number]): Target => ({ id: `ch${b.id}`, platform: b.platform as Platform, kind: "channel", address: b.channelId, ref: b.conversationRef });
    const escalationTargets: Target[] = (await chairsOrSecretariat(db, wp.id)).map((a) => ({ id: a.id, platform: a.platform, kind: a.to.kind, address: a.to.id, ref: a.to.ref ?? null }));
    const superseded = await supersededPlans(db, wp.id);
    // Many deadlines share a day: work out each day's delivery instant once.
    const moments = new Map<string, Date>();
    const momentOf = (day: string, time: string) => {
      const k = `${day} ${time}`;
      let m = moments.get(k);
      if (!m) moments.set(k, (m = instantAt(day, time, wp.timeZone)));
      return m;
    };
    for (const rule of rules) {
      const range = ranges.get(rule.id)!;
      const targets =
        rule.kind === "escalate"
          ? escalationTargets
          : (rule.channelIds.length ? bindings.filter((b) => rule.channelIds.includes(b.id)) : reminderChannels).map(channelTarget);
      for (const d of candidates) {
        if (d.dueDate < range.from || d.dueDate > range.to || !remindsOf(rule, d, superseded)) continue;
        for (const occ of occurrences(rule, d.dueDate, fromDay, toDay, holidays)) {
          const moment = momentOf(occ.day, rule.deliveryTime);
          if (moment > now || moment < windowStart) continue;
          const age = now.getTime() - moment.getTime();
          const lead = d.action ? [d.action.leadDelegation, d.action.leadMember?.displayName ?? d.action.leadUser].filter(Boolean).join(", ") || null : null;
          const item: ReminderItem = {
            kind: rule.kind,
            planNumber: d.plan.number,
            planTitle: d.plan.title,
            actionCode: d.action?.code ?? null,
            title: d.action ? d.action.title : d.what ?? "Adopt the next action plan",
            dueDate: d.dueDate,
            dueText: d.text,
            lead,
            day: occ.day,
          };
          for (const t of targets) {
            planned.push({ key: `rem:${d.id}:${rule.id}:${occ.index}:${occ.day}:${t.id}`, target: t, moment, skipped: age > catchUpMs, late: age > LATE_AFTER_MS, item });
          }
        }
      }
    }
  }

  if (planned.length > 0) Object.assign(summary, await recordPlanned(db, wp, planned, now, logger));
  // The watermark only moves forward, so a clock jump backwards re-reads nothing it must not.
  if (!lastTick || now > lastTick) {
    await db.systemSetting.upsert({ where: { key: watermarkKey(wp) }, create: { key: watermarkKey(wp), value: now.toISOString() }, update: { value: now.toISOString() } });
  }
  return summary;
}

/** Plans a later plan has followed: their own dates (adopt the next plan by) are settled. */
export async function supersededPlans(db: Db, workingPartyId: number): Promise<Set<number>> {
  const plans = await db.actionPlan.findMany({ where: { workingPartyId }, select: { id: true, startDate: true } });
  return new Set(plans.filter((p) => plans.some((q) => q.startDate > p.startDate)).map((p) => p.id));
}

/** Inserts the new items and their digests in one transaction; retried if another copy raced us. */
async function recordPlanned(db: Db, wp: WorkingParty, planned: PlannedItem[], now: Date, logger: Logger): Promise<PlanSummary> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => insertNew(tx, wp, planned, now));
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (attempt >= 5 || !(code === "P2002" || code === "P2034" || /SQLITE_BUSY|deadlock|could not serialize/i.test(String(e)))) throw e;
      logger.debug({ attempt, code }, "another copy recorded the same reminders; re-reading");
    }
  }
}

async function insertNew(tx: DbTx, wp: WorkingParty, planned: PlannedItem[], now: Date): Promise<PlanSummary> {
  const existing = new Set<string>();
  const keys = [...new Set(planned.map((p) => p.key))];
  for (let i = 0; i < keys.length; i += 500) {
    for (const r of await tx.delivery.findMany({ where: { key: { in: keys.slice(i, i + 500) } }, select: { key: true } })) existing.add(r.key);
  }
  const fresh = [...new Map(planned.filter((p) => !existing.has(p.key)).map((p) => [p.key, p])).values()];
  if (fresh.length === 0) return { items: 0, skipped: 0, digests: 0 };

  const live = fresh.filter((p) => !p.skipped);
  const skipped = fresh.filter((p) => p.skipped);
  // Digests: one per target and moment. Skipped items wait to be named in their target's next digest.
  const groups = new Map<string, PlannedItem[]>();
  for (const p of live) {
    const g = `${p.target.id}|${p.moment.toISOString()}`;
    groups.set(g, [...(groups.get(g) ?? []), p]);
  }
  const digestOf = new Map<string, string>();
  for (const [g, items] of groups) {
    const hash = createHash("sha256").update(items.map((i) => i.key).sort().join("\n")).digest("hex").slice(0, 12);
    const digestKey = `digest:${g.replace("|", ":")}:${hash}`;
    for (const i of items) digestOf.set(i.key, digestKey);
  }
  await tx.delivery.createMany({
    data: fresh.map((p) => ({
      key: p.key,
      kind: "reminder-item",
      platform: p.target.platform,
      targetKind: p.target.kind,
      target: p.target.address,
      targetRef: p.target.ref,
      workingPartyId: wp.id,
      payload: JSON.stringify(p.item),
      dueAt: p.moment,
      nextAttemptAt: p.moment,
      status: p.skipped ? "skipped" : "grouped",
      late: p.late,
      platformRef: p.skipped ? null : digestOf.get(p.key)!,
    })),
  });

  // Targets with skipped reminders not yet named get them in this pass's digest, or in one of their own.
  const today = civilDateAt(now, wp.timeZone);
  const skippedTargets = new Map<string, PlannedItem>();
  for (const s of skipped) skippedTargets.set(s.target.id, s);
  const digestTargets = new Map<string, { target: PlannedItem["target"]; moment: Date; items: PlannedItem[]; key: string }>();
  for (const [g, items] of groups) {
    digestTargets.set(g, { target: items[0]!.target, moment: items[0]!.moment, items, key: digestOf.get(items[0]!.key)! });
  }
  const namedMissed = new Set<string>();
  let digests = 0;
  for (const d of [...digestTargets.values()].sort((a, b) => a.moment.getTime() - b.moment.getTime())) {
    const missed = namedMissed.has(d.target.id) ? [] : await unnamedSkipped(tx, wp.id, d.target);
    if (missed.length) namedMissed.add(d.target.id);
    await createDigest(tx, wp, d.target, d.key, d.moment, d.items.map((i) => i.item), missed, today, d.items.some((i) => i.late), d.items[0]!.item.kind === "escalate");
    digests++;
  }
  for (const [targetId, s] of skippedTargets) {
    if (namedMissed.has(targetId)) continue;
    const missed = await unnamedSkipped(tx, wp.id, s.target);
    if (missed.length === 0) continue;
    const key = `digest:${targetId}:missed:${createHash("sha256").update(missed.map((m) => m.key).join("\n")).digest("hex").slice(0, 12)}`;
    await createDigest(tx, wp, s.target, key, now, [], missed, today, true, false);
    digests++;
  }
  return { items: fresh.length - skipped.length, skipped: skipped.length, digests };
}

async function unnamedSkipped(tx: DbTx, workingPartyId: number, target: Target): Promise<{ key: string; item: ReminderItem }[]> {
  const rows = await tx.delivery.findMany({
    where: { workingPartyId, kind: "reminder-item", status: "skipped", platformRef: null, platform: target.platform, target: target.address },
    orderBy: { dueAt: "asc" },
    select: { key: true, payload: true },
  });
  return rows.map((r) => ({ key: r.key, item: JSON.parse(r.payload) as ReminderItem }));
}

async function createDigest(
  tx: DbTx,
  wp: WorkingParty,
  target: Target,
  key: string,
  moment: Date,
  items: ReminderItem[],
  missed: { key: string; item: ReminderItem }[],
  today: string,
  late: boolean,
  escalation: boolean,
): Promise<void> {
  const replyBody = digestReply({ workingParty: wp.code, items, missed: missed.map((m) => m.item), today, late, escalation });
  await tx.delivery.create({
    data: {
      key,
      kind: escalation ? "escalation" : "reminder",
      platform: target.platform,
      targetKind: target.kind,
      target: target.address,
      targetRef: target.ref,
      workingPartyId: wp.id,
      payload: JSON.stringify([replyBody]),
      dueAt: moment,
      nextAttemptAt: moment,
      late,
    },
  });
  if (missed.length) await tx.delivery.updateMany({ where: { key: { in: missed.map((m) => m.key) } }, data: { platformRef: key } });
}
