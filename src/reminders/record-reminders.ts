/**
 * Writes planned reminders to the outbox in one transaction: the new items, one digest per
 * address and tick (a tick that catches up several slots still sends one message), and for each
 * address with reminders nobody named yet (missed beyond the catch-up window, or in a digest given
 * up after an outage) a digest that names them, once.
 */
import { createHash } from "node:crypto";
import type { Logger } from "../log/logger.ts";
import type { Platform } from "../core/message.ts";
import type { Store, UnitOfWork, WorkingParty } from "../store/index.ts";
import { civilDateAt } from "../time/civil-date.ts";
import type { NewDelivery, NewRecord, Outbox } from "../outbox/outbox.ts";
import type { Addressee } from "../outbox/recipients.ts";
import { digestReply, type ReminderItem } from "./digest.ts";
import { addressIdentity } from "./reminder-keys.ts";

export interface PlannedItem {
  key: string;
  target: Addressee;
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

const NOTHING: PlanSummary = { items: 0, skipped: 0, digests: 0 };

/** Records `planned` and the digests it needs; retried if another copy raced us. */
export async function recordReminders(store: Store, outbox: Outbox, wp: WorkingParty, planned: PlannedItem[], now: Date, logger: Logger): Promise<PlanSummary> {
  if (planned.length === 0 && (await store.repos.deliveries.targetsWithUnnamedSkipped(wp.id)).length === 0) return NOTHING;
  for (let attempt = 1; ; attempt++) {
    try {
      return await store.unitOfWork(async (uow) => insertNew(uow, outbox, wp, planned, now));
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (attempt >= 5 || !(code === "P2002" || code === "P2034" || /SQLITE_BUSY|deadlock|could not serialize/i.test(String(e)))) throw e;
      logger.debug({ attempt, code }, "another copy recorded the same reminders; re-reading");
    }
  }
}

const hash = (keys: string[]) => createHash("sha256").update(keys.sort().join("\n")).digest("hex").slice(0, 12);

interface Group {
  target: Addressee;
  escalation: boolean;
  items: PlannedItem[];
  key: string;
}

async function insertNew(uow: UnitOfWork, outbox: Outbox, wp: WorkingParty, planned: PlannedItem[], now: Date): Promise<PlanSummary> {
  const rows = uow.deliveries;
  const existing = await rows.existingKeys(planned.map((p) => p.key));
  const fresh = [...new Map(planned.filter((p) => !existing.has(p.key)).map((p) => [p.key, p])).values()];
  const live = fresh.filter((p) => !p.skipped);

  // One digest per address and tick (escalations apart: they are addressed to the chair).
  const groups = new Map<string, Group>();
  for (const p of live) {
    const escalation = p.item.kind === "escalate";
    const g = `${p.target.id}|${escalation}`;
    const group = groups.get(g) ?? { target: p.target, escalation, items: [], key: "" };
    group.items.push(p);
    groups.set(g, group);
  }
  for (const g of groups.values()) {
    const latest = new Date(Math.max(...g.items.map((i) => i.moment.getTime())));
    g.key = `digest:${g.target.id}:${latest.toISOString()}:${hash(g.items.map((i) => i.key))}`;
  }
  const digestOf = new Map([...groups.values()].flatMap((g) => g.items.map((i) => [i.key, g.key] as const)));
  const record = (p: PlannedItem): NewRecord => ({
    key: p.key,
    kind: "reminder-item",
    platform: p.target.platform,
    to: p.target.to,
    workingPartyId: wp.id,
    dueAt: p.moment,
    late: p.late,
    data: p.item,
    status: p.skipped ? "skipped" : "grouped",
    digestKey: p.skipped ? null : digestOf.get(p.key)!,
  });
  await outbox.record(fresh.map(record), uow);

  const today = civilDateAt(now, wp.timeZone);
  const named = new Set<string>();
  const digests: NewDelivery[] = [];
  const namings: { keys: string[]; digestKey: string }[] = [];
  const digest = async (target: Addressee, key: string, dueAt: Date, items: PlannedItem[], escalation: boolean) => {
    const missed = named.has(target.id) ? [] : await rows.unnamedSkipped(wp.id, target.platform, target.to.id);
    named.add(target.id);
    if (items.length === 0 && missed.length === 0) return;
    const late = items.length === 0 || items.some((i) => i.late);
    const body = digestReply({ workingParty: wp.code, items: items.map((i) => i.item), missed: missed.map((m) => JSON.parse(m.payload) as ReminderItem), today, late, escalation });
    digests.push({ key, kind: escalation ? "escalation" : "reminder", platform: target.platform, to: target.to, workingPartyId: wp.id, dueAt, late, replies: [body] });
    if (missed.length) namings.push({ keys: missed.map((m) => m.key), digestKey: key });
  };
  for (const g of [...groups.values()].sort((a, b) => Number(a.escalation) - Number(b.escalation))) {
    await digest(g.target, g.key, new Date(Math.max(...g.items.map((i) => i.moment.getTime()))), g.items, g.escalation);
  }
  // Addresses with reminders nobody named yet and no digest in this tick get one that names them.
  for (const t of await rows.targetsWithUnnamedSkipped(wp.id)) {
    const kind = t.targetKind as "channel" | "user";
    const target: Addressee = { id: addressIdentity({ platform: t.platform, kind, address: t.target }), platform: t.platform as Platform, to: { kind, id: t.target, ref: t.targetRef } };
    if (named.has(target.id)) continue;
    const missed = await rows.unnamedSkipped(wp.id, t.platform, t.target);
    await digest(target, `digest:${target.id}:missed:${hash(missed.map((m) => m.key))}`, now, [], false);
  }
  await outbox.enqueueNew(digests, uow);
  for (const n of namings) await rows.markNamed(n.keys, n.digestKey);
  return { items: live.length, skipped: fresh.length - live.length, digests: digests.length };
}
