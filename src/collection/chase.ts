/**
 * Chasing: leads of actions with no report yet get a reminder through the outbox, once per
 * scheduled occurrence (see schedule.ts: 7 and 2 working days before the due day and on it, 09:00
 * in the working party's time zone), and the chairs get a digest of who is missing. Keys name the
 * collection, action, member and occurrence, so a repeated tick, a restart or a second copy of the
 * bot sends each chase exactly once.
 */
import type { Platform } from "../core/message.ts";
import type { Logger } from "../log/logger.ts";
import type { Outbox } from "../outbox/outbox.ts";
import type { Store } from "../store/index.ts";
import { leadMembers } from "../store/plans/leads.ts";
import { chairsOrSecretariat } from "../outbox/recipients.ts";
import { chaseMessage, digestMessage } from "./messages.ts";
import { chaseSchedule, civilDay, dueChase } from "./schedule.ts";
import { parseHolidays } from "../store/index.ts";
import { loadSnapshot, type CollectionSnapshot } from "./snapshot.ts";
import { collectionStatus } from "./status.ts";

/** The idempotency key of one chase of one lead. */
export const chaseKey = (collectionId: number, actionId: number, memberId: number, tag: string) => `collect:${collectionId}:chase:${actionId}:${memberId}:${tag}`;

/** What one chase did. */
export interface ChaseResult {
  /** deliveries created: reminders plus digests */
  created: number;
  reminders: number;
  digests: number;
  /** action codes still without a report */
  missing: string[];
}

/**
 * Chases every lead of every action of the collection that has no report, and sends the chairs
 * (or, when there is none, the secretariat channels) a digest. Records the chase in the audit log
 * when it created anything.
 */
export async function chaseCollection(store: Store, outbox: Outbox, snap: CollectionSnapshot, opts: { tag: string; now: Date; actor: string }): Promise<ChaseResult> {
  const { collection, workingParty: wp } = snap;
  const st = collectionStatus(snap, opts.now);
  const result: ChaseResult = { created: 0, reminders: 0, digests: 0, missing: st.missing.map((m) => m.action) };
  if (st.missing.length === 0) return result;
  const dueToday = civilDay(opts.now, wp.timeZone) === collection.dueDate;
  const msgCtx = { collection, plan: snap.plan, workingParty: wp };
  const chased: string[] = [];
  await store.unitOfWork(async (uow) => {
    for (const action of snap.actions) {
      if (snap.reports.has(action.id)) continue;
      for (const m of leadMembers(action, snap.members)) {
        const created = await outbox.enqueue(
          {
            key: chaseKey(collection.id, action.id, m.id, opts.tag),
            kind: "chase",
            platform: m.platform as Platform,
            to: { kind: "user", id: m.platformUserId, ref: m.directRef },
            workingPartyId: wp.id,
            dueAt: opts.now,
            replies: [chaseMessage(msgCtx, action, dueToday)],
          },
          uow,
        );
        if (created) {
          result.reminders++;
          chased.push(`${action.code}:${m.platform}:${m.platformUserId}`);
        }
      }
    }
    const digest = digestMessage(st);
    for (const a of await chairsOrSecretariat(uow, wp.id)) {
      const created = await outbox.enqueue(
        { key: `collect:${collection.id}:digest:${a.id}:${opts.tag}`, kind: "digest", platform: a.platform, to: a.to, workingPartyId: wp.id, dueAt: opts.now, replies: [digest] },
        uow,
      );
      if (created) result.digests++;
    }
    result.created = result.reminders + result.digests;
    if (result.created > 0) {
      await uow.audit.record({
        workingPartyId: wp.id,
        actor: opts.actor,
        action: "collection.chase",
        subject: `collection:${collection.id}`,
        detail: { occurrence: opts.tag, missing: result.missing, chased, digests: result.digests },
        at: opts.now,
      });
    }
  });
  return result;
}

/**
 * Called by the reminders scheduler every minute: enqueues the chases whose time has come for every
 * open collection, once each. Returns how many deliveries it created.
 */
export async function enqueueDueChases(deps: { store: Store; logger: Logger }, outbox: Outbox, now: Date): Promise<number> {
  const repos = deps.store.repos;
  const open = await repos.collections.allOpen();
  let created = 0;
  for (const c of open) {
    const wp = c.workingParty;
    const holidays = [...parseHolidays(wp.holidays)];
    const occ = dueChase(chaseSchedule(c.dueDate, wp.timeZone, holidays), { now, startedAt: c.startedAt, due: c.dueDate, timeZone: wp.timeZone });
    if (!occ) continue;
    // Cheap check first: once an occurrence has been chased, later ticks skip loading the collection.
    if (await repos.deliveries.hasKeyBetween(`collect:${c.id}:`, `:${occ.tag}`)) continue;
    try {
      const snap = await loadSnapshot(repos, c.id);
      const r = await chaseCollection(deps.store, outbox, snap, { tag: occ.tag, now, actor: "scheduler" });
      created += r.created;
      if (r.created > 0) deps.logger.info({ collectionId: c.id, occurrence: occ.tag, reminders: r.reminders, digests: r.digests }, "progress reports chased");
    } catch (e) {
      // One collection's failure must not stop the others; the next tick tries again.
      deps.logger.error({ collectionId: c.id, err: e }, "chasing progress reports failed");
    }
  }
  return created;
}
