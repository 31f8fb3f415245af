/**
 * Sends what the outbox holds and is due. A sender first claims rows with a lease (one guarded
 * UPDATE: on PostgreSQL concurrent claimers block on the row and then see it taken; SQLite
 * serialises writers), sends through the messenger of the row's platform, then records the result.
 * A row whose lease ran out (its sender died) is claimed again; where the platform can tell, we
 * first ask whether it already went out.
 */
import { randomUUID } from "node:crypto";
import type { Logger } from "../log/logger.ts";
import type { Delivery, Store } from "../store/index.ts";
import type { Platform } from "../core/message.ts";
import type { Messenger, Recipient } from "../core/messenger.ts";
import { Outbox } from "./outbox.ts";

export interface DispatchOptions {
  now: Date;
  /** at most this many rows per call */
  limit?: number;
  /** how long a claim protects a row from other senders */
  leaseMs?: number;
  /** give up after this many attempts */
  maxAttempts?: number;
  /** only these deliveries (ids), e.g. the ones one chat message caused */
  only?: number[];
}

export interface DispatchResult {
  delivery: Delivery;
  outcome: "sent" | "already-sent" | "retry" | "failed" | "no-messenger";
  error?: string;
}

/** Backoff after a transient failure: 30 s, 1 min, 2 min ... capped at 30 min. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 30 * 60_000);
}

export class Dispatcher {
  private readonly messengers = new Map<Platform, Messenger>();

  constructor(
    private readonly store: Store,
    messengers: Messenger[],
    private readonly logger: Logger,
  ) {
    for (const m of messengers) this.messengers.set(m.platform, m);
  }

  get platforms(): Platform[] {
    return [...this.messengers.keys()];
  }

  /** Claims due deliveries for the platforms we can reach, sends them and records the outcome. */
  async dispatchDue(options: DispatchOptions): Promise<DispatchResult[]> {
    const claimed = await this.claim(options);
    const results: DispatchResult[] = [];
    for (const d of claimed) results.push(await this.deliver(d, options));
    return results;
  }

  private async claim(options: DispatchOptions): Promise<Delivery[]> {
    const { now } = options;
    const db = this.store.db;
    const platforms = this.platforms;
    if (platforms.length === 0) return [];
    const claimable = {
      platform: { in: platforms },
      nextAttemptAt: { lte: now },
      OR: [{ status: "pending" }, { status: "sending", leaseUntil: { lt: now } }],
      ...(options.only ? { id: { in: options.only } } : {}),
    };
    const candidates = await db.delivery.findMany({
      where: claimable,
      orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
      take: options.limit ?? 500,
      select: { id: true },
    });
    if (candidates.length === 0) return [];
    const token = randomUUID();
    await db.delivery.updateMany({
      where: { ...claimable, id: { in: candidates.map((c) => c.id) } },
      data: { status: "sending", leasedBy: token, leaseUntil: new Date(now.getTime() + (options.leaseMs ?? 120_000)), attempts: { increment: 1 } },
    });
    return db.delivery.findMany({ where: { leasedBy: token, status: "sending" }, orderBy: [{ dueAt: "asc" }, { id: "asc" }] });
  }

  private async deliver(d: Delivery, options: DispatchOptions): Promise<DispatchResult> {
    const db = this.store.db;
    const messenger = this.messengers.get(d.platform as Platform);
    const log = this.logger.child({ deliveryId: d.id, key: d.key, platform: d.platform });
    const to: Recipient = { kind: d.targetKind as Recipient["kind"], id: d.target, ref: d.targetRef };
    const guard = { id: d.id, leasedBy: d.leasedBy, status: "sending" };
    if (!messenger) {
      await db.delivery.updateMany({ where: guard, data: { status: "pending", leasedBy: null, leaseUntil: null } });
      return { delivery: d, outcome: "no-messenger" };
    }
    // A second attempt may follow a crash after the platform accepted the first.
    if (d.attempts > 1 && messenger.findSent) {
      const ref = await messenger.findSent(d.key, to).catch(() => null);
      if (ref) {
        await db.delivery.updateMany({ where: guard, data: { status: "sent", sentAt: options.now, platformRef: ref, leaseUntil: null } });
        log.info("delivery found already sent; recorded without sending again");
        return { delivery: { ...d, status: "sent" }, outcome: "already-sent" };
      }
    }
    let result;
    try {
      result = await messenger.send({ key: d.key, to, replies: Outbox.replies(d) });
    } catch (e) {
      result = { ok: false as const, retryable: true, error: String((e as Error)?.message ?? e) };
    }
    if (result.ok) {
      await db.delivery.updateMany({ where: guard, data: { status: "sent", sentAt: options.now, platformRef: result.platformRef ?? null, leaseUntil: null, error: null } });
      log.info("delivery sent");
      return { delivery: { ...d, status: "sent" }, outcome: "sent" };
    }
    const maxAttempts = options.maxAttempts ?? 8;
    if (result.retryable && d.attempts < maxAttempts) {
      const wait = Math.max(result.retryAfterMs ?? 0, backoffMs(d.attempts));
      await db.delivery.updateMany({
        where: guard,
        data: { status: "pending", leasedBy: null, leaseUntil: null, error: result.error, nextAttemptAt: new Date(options.now.getTime() + wait) },
      });
      log.warn({ error: result.error, retryInMs: wait }, "delivery failed; will retry");
      return { delivery: d, outcome: "retry", error: result.error };
    }
    await db.delivery.updateMany({ where: guard, data: { status: "failed", leaseUntil: null, error: result.error } });
    log.error({ error: result.error }, "delivery failed for good");
    return { delivery: { ...d, status: "failed" }, outcome: "failed", error: result.error };
  }
}
