/**
 * The deliveries repository: every query on the outbox table. Senders claim rows under a token
 * with a lease, renew it right before each send and settle them with updates guarded by that
 * token, so a sender that lost its lease changes nothing. Rows are written here only: the outbox
 * maps its messages to rows (`DeliveryRow`) and this module stores them.
 */
import type { Delivery } from "../generated/sqlite/browser.ts";
import type { DbTx } from "./index.ts";

/** A row to insert; the outbox builds it (one mapping from a message to columns). */
export interface DeliveryRow {
  key: string;
  kind: string;
  platform: string;
  targetKind: string;
  target: string;
  targetRef: string | null;
  payload: string;
  dueAt: Date;
  workingPartyId: number | null;
  late: boolean;
  /** pending (to send), grouped (a reminder item sent inside a digest), skipped (too late to send) */
  status: "pending" | "grouped" | "skipped";
  /** grouped items: the key of the digest that carries them */
  platformRef?: string | null;
}

export interface ClaimQuery {
  platforms: string[];
  /** the instant being ticked: what is due by then */
  now: Date;
  /** the wall clock: leases are counted from it, whatever instant is ticked */
  wallNow: Date;
  leaseMs: number;
  limit: number;
  token: string;
  only?: number[];
}

/** Kinds whose rows carry reminder items (named again in a later digest when given up). */
const DIGEST_KINDS = ["reminder", "escalation"];
/** Statuses of a row that has not gone out: waiting, or claimed by a sender that has not sent it. */
const UNSENT = ["pending", "sending"];

export class Deliveries {
  private readonly db: DbTx;

  constructor(db: DbTx) {
    this.db = db;
  }

  /** Which of `keys` are already recorded. */
  async existingKeys(keys: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    const unique = [...new Set(keys)];
    for (let i = 0; i < unique.length; i += 500) {
      for (const r of await this.db.delivery.findMany({ where: { key: { in: unique.slice(i, i + 500) } }, select: { key: true } })) found.add(r.key);
    }
    return found;
  }

  /** Inserts one row unless its key exists; its id, or null when another copy recorded it first. */
  async insert(row: DeliveryRow): Promise<number | null> {
    const existing = await this.db.delivery.findUnique({ where: { key: row.key }, select: { id: true } });
    if (existing) return null;
    try {
      return (await this.db.delivery.create({ data: { ...row, nextAttemptAt: row.dueAt }, select: { id: true } })).id;
    } catch (e) {
      if ((e as { code?: string }).code === "P2002") return null;
      throw e;
    }
  }

  /** Inserts rows whose keys are known to be new (checked in the same transaction). */
  async insertMany(rows: readonly DeliveryRow[]): Promise<void> {
    if (rows.length) await this.db.delivery.createMany({ data: rows.map((r) => ({ ...r, nextAttemptAt: r.dueAt })) });
  }

  /** Skipped reminder items of a target that no digest has named yet, oldest first. */
  unnamedSkipped(workingPartyId: number, platform: string, target: string): Promise<Pick<Delivery, "key" | "payload">[]> {
    return this.db.delivery.findMany({
      where: { workingPartyId, kind: "reminder-item", status: "skipped", platformRef: null, platform, target },
      orderBy: [{ dueAt: "asc" }, { id: "asc" }],
      select: { key: true, payload: true },
    });
  }

  /** Every target (platform and address) of a working party with skipped items no digest named yet. */
  async targetsWithUnnamedSkipped(workingPartyId: number): Promise<Pick<Delivery, "platform" | "targetKind" | "target" | "targetRef">[]> {
    const rows = await this.db.delivery.findMany({
      where: { workingPartyId, kind: "reminder-item", status: "skipped", platformRef: null },
      distinct: ["platform", "target"],
      select: { platform: true, targetKind: true, target: true, targetRef: true },
    });
    return rows;
  }

  /** Marks skipped items as named by the digest `digestKey`. */
  async markNamed(keys: readonly string[], digestKey: string): Promise<void> {
    if (keys.length) await this.db.delivery.updateMany({ where: { key: { in: [...keys] } }, data: { platformRef: digestKey } });
  }

  /** Rows of a working party's reminders and escalations due in [from, until), for listings. */
  digestsDue(workingPartyId: number, from: Date, until: Date): Promise<Delivery[]> {
    return this.db.delivery.findMany({ where: { workingPartyId, kind: { in: DIGEST_KINDS }, dueAt: { gte: from, lt: until } }, orderBy: [{ dueAt: "asc" }, { id: "asc" }] });
  }

  /** Rows due by `now` that wait for a platform other than `platforms` (no messenger here). */
  dueElsewhere(platforms: readonly string[], now: Date): Promise<Delivery[]> {
    return this.db.delivery.findMany({ where: { status: "pending", nextAttemptAt: { lte: now }, platform: { notIn: [...platforms] } }, orderBy: [{ dueAt: "asc" }, { id: "asc" }] });
  }

  /**
   * Claims up to `limit` due rows for `token`: pending ones, and ones whose sender's lease ran out
   * (it died). One guarded UPDATE: on PostgreSQL concurrent claimers block on the row and then see
   * it taken; SQLite serialises writers.
   */
  async claim(q: ClaimQuery): Promise<Delivery[]> {
    if (q.platforms.length === 0) return [];
    const claimable = {
      platform: { in: q.platforms },
      nextAttemptAt: { lte: q.now },
      OR: [{ status: "pending" }, { status: "sending", leaseUntil: { lt: q.wallNow } }],
      ...(q.only ? { id: { in: q.only } } : {}),
    };
    const candidates = await this.db.delivery.findMany({ where: claimable, orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }], take: q.limit, select: { id: true } });
    if (candidates.length === 0) return [];
    await this.db.delivery.updateMany({
      where: { ...claimable, id: { in: candidates.map((c) => c.id) } },
      data: { status: "sending", leasedBy: q.token, leaseUntil: new Date(q.wallNow.getTime() + q.leaseMs) },
    });
    return this.db.delivery.findMany({ where: { leasedBy: q.token, status: "sending" }, orderBy: [{ dueAt: "asc" }, { id: "asc" }] });
  }

  /**
   * Right before a send: extends the lease of a row this sender still holds and counts the
   * attempt. False when another sender has taken the row meanwhile (then it must not be sent).
   */
  async renewLease(d: Delivery, wallNow: Date, leaseMs: number): Promise<boolean> {
    const { count } = await this.db.delivery.updateMany({
      where: this.held(d),
      data: { leaseUntil: new Date(wallNow.getTime() + leaseMs), attempts: { increment: 1 }, firstAttemptAt: d.firstAttemptAt ?? wallNow },
    });
    return count === 1;
  }

  /** Recorded as sent (also when found already sent). False when the lease was lost meanwhile. */
  async markSent(d: Delivery, at: Date, platformRef: string | null): Promise<boolean> {
    return this.settle(d, { status: "sent", sentAt: at, platformRef, leaseUntil: null, error: null });
  }

  /** Back to pending, to be tried at `nextAttemptAt`. */
  async reschedule(d: Delivery, nextAttemptAt: Date, error: string): Promise<boolean> {
    return this.settle(d, { status: "pending", leasedBy: null, leaseUntil: null, error, nextAttemptAt });
  }

  /** Handed back untouched (no messenger for its platform here). */
  async release(d: Delivery): Promise<boolean> {
    return this.settle(d, { status: "pending", leasedBy: null, leaseUntil: null });
  }

  /** Refused for good by the platform. */
  async markFailed(d: Delivery, error: string): Promise<boolean> {
    return this.settle(d, { status: "failed", leaseUntil: null, error });
  }

  /**
   * Given up after the catch-up window. A digest's reminder items become skipped and unnamed, so
   * the target's next digest names them.
   */
  async markExpired(d: Delivery, error: string): Promise<boolean> {
    const ok = await this.settle(d, { status: "expired", leaseUntil: null, error });
    if (ok && DIGEST_KINDS.includes(d.kind)) {
      // its own items and the missed ones it was to name
      await this.db.delivery.updateMany({ where: { kind: "reminder-item", status: { in: ["grouped", "skipped"] }, platformRef: d.key }, data: { status: "skipped", platformRef: null } });
    }
    return ok;
  }

  /** Whether a row exists whose key starts with `prefix` and ends with `suffix` (a chase occurrence already recorded). */
  async hasKeyBetween(prefix: string, suffix: string): Promise<boolean> {
    return (await this.db.delivery.findFirst({ where: { key: { startsWith: prefix, endsWith: suffix } }, select: { id: true } })) !== null;
  }

  /** The keys of the report requests and chases under `prefix` that did not fail. */
  async requestKeys(prefix: string): Promise<string[]> {
    const rows = await this.db.delivery.findMany({ where: { key: { startsWith: prefix }, kind: { in: ["report-request", "chase"] }, status: { not: "failed" } }, select: { key: true } });
    return rows.map((r) => r.key);
  }

  /** Reminder items (never sent themselves) whose keys start with `prefix`, e.g. a plan's "rem:CCWP:12:". */
  reminderItems(prefix: string): Promise<Pick<Delivery, "id" | "key" | "status" | "platformRef">[]> {
    return this.db.delivery.findMany({ where: { kind: "reminder-item", key: { startsWith: prefix } }, select: { id: true, key: true, status: true, platformRef: true } });
  }

  /** Digests by key that have not gone out yet (pending, or held by a sender that has not sent). */
  unsentDigests(keys: readonly string[]): Promise<Delivery[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return this.db.delivery.findMany({ where: { key: { in: [...keys] }, kind: { in: DIGEST_KINDS }, status: { in: UNSENT } } });
  }

  /** The items a digest carries (grouped) and names as missed (skipped), with their stored payloads. */
  itemsOf(digestKey: string): Promise<Pick<Delivery, "key" | "status" | "payload">[]> {
    return this.db.delivery.findMany({ where: { kind: "reminder-item", platformRef: digestKey }, orderBy: [{ dueAt: "asc" }, { id: "asc" }], select: { key: true, status: true, payload: true } });
  }

  /**
   * Withdraws unsent rows: they never go out. A sender holding one loses it, because its lease
   * renewal right before the send is guarded by the status this changes. The number withdrawn.
   */
  async withdraw(where: { ids?: number[]; keyPrefix?: string }, reason: string): Promise<number> {
    const { count } = await this.db.delivery.updateMany({
      where: { status: { in: UNSENT }, ...(where.ids ? { id: { in: where.ids } } : {}), ...(where.keyPrefix ? { key: { startsWith: where.keyPrefix } } : {}) },
      data: { status: "withdrawn", leasedBy: null, leaseUntil: null, error: reason },
    });
    return count;
  }

  /** Replaces an unsent row's message; a sender holding it loses it and the next claim sends the new one. */
  async rewrite(id: number, payload: string): Promise<boolean> {
    const { count } = await this.db.delivery.updateMany({ where: { id, status: { in: UNSENT } }, data: { payload, status: "pending", leasedBy: null, leaseUntil: null } });
    return count === 1;
  }

  /** Deletes reminder items that were never sent, so the keys are free for a plan imported again. */
  async forgetItems(keys: readonly string[]): Promise<number> {
    if (keys.length === 0) return 0;
    const { count } = await this.db.delivery.deleteMany({ where: { kind: "reminder-item", key: { in: [...keys] } } });
    return count;
  }

  /** How long a working party's deliveries are worth retrying (its catch-up window). */
  async catchUpMs(workingPartyId: number | null): Promise<number> {
    const wp = workingPartyId === null ? null : await this.db.workingParty.findUnique({ where: { id: workingPartyId }, select: { catchUpHours: true } });
    return (wp?.catchUpHours ?? 24) * 3600_000;
  }

  private held(d: Pick<Delivery, "id" | "leasedBy">) {
    return { id: d.id, leasedBy: d.leasedBy, status: "sending" };
  }

  private async settle(d: Delivery, data: Parameters<DbTx["delivery"]["updateMany"]>[0]["data"]): Promise<boolean> {
    const { count } = await this.db.delivery.updateMany({ where: this.held(d), data });
    return count === 1;
  }
}
