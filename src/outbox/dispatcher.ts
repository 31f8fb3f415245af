/**
 * Sends what the outbox holds and is due, through the messenger of each row's platform.
 *
 * Exactly once rests on three things. A sender claims rows with a lease counted from the wall
 * clock (whatever instant is ticked) and renews it, with an update guarded by its token, right
 * before each send: a row whose lease ran out while earlier rows were sent has been taken by
 * another sender and is skipped. A row tried before (its sender died, or timed out) is first
 * looked up on the platform where it can tell ("was it sent?"); a lookup that fails makes the row
 * wait, it never sends. Results are recorded with the same guard.
 *
 * Failures: the platform refusing the message is permanent ("failed"). Rate limits, 5xx and
 * network errors are transient: retried with backoff for as long as the delivery is within its
 * working party's catch-up window, then given up ("expired"; a digest's reminders are named in
 * the next digest). Transient failures never count toward giving up sooner.
 */
import { randomUUID } from "node:crypto";
import type { Logger } from "../log/logger.ts";
import type { Delivery, Store } from "../store/index.ts";
import type { Platform } from "../core/message.ts";
import type { FailureClass, Messenger, Recipient, SendResult } from "../core/messenger.ts";
import { Outbox } from "./outbox.ts";

export interface DispatcherOptions {
  /** the wall clock, for leases and sentAt (tests pass their own) */
  clock?: () => Date;
  /**
   * How long a claim protects a row from other senders. It must exceed the longest single send
   * (the messengers' own timeouts bound it); it is renewed before each send.
   */
  leaseMs?: number;
}

export interface DispatchOptions {
  /** the instant being ticked: rows due by then are sent */
  now: Date;
  /** rows claimed at once; each is re-checked before its send */
  batch?: number;
  /** only these deliveries (ids), e.g. the ones one chat message caused */
  only?: number[];
}

export type DispatchOutcome = "sent" | "already-sent" | "retry" | "failed" | "expired" | "no-messenger";

export interface DispatchResult {
  delivery: Delivery;
  outcome: DispatchOutcome;
  error?: string;
  /** why it did not go out: the send's failure class, or the "was it sent?" lookup failing */
  errorClass?: FailureClass | "lookup-failed";
}

/** Backoff after a transient failure: 30 s, 1 min, 2 min ... capped at 30 min. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 30 * 60_000);
}

/** The class of a failure a messenger did not classify itself. */
function classOf(r: Extract<SendResult, { ok: false }>): FailureClass {
  if (r.errorClass) return r.errorClass;
  if (!r.retryable) return "refused";
  return r.retryAfterMs !== undefined ? "rate-limited" : "unavailable";
}

export const DEFAULT_LEASE_MS = 120_000;

export class Dispatcher {
  private readonly messengers = new Map<Platform, Messenger>();
  private readonly clock: () => Date;
  private readonly leaseMs: number;

  private readonly store: Store;
  private readonly logger: Logger;

  constructor(store: Store, messengers: Messenger[], logger: Logger, options: DispatcherOptions = {}) {
    this.store = store;
    this.logger = logger;
    for (const m of messengers) this.messengers.set(m.platform, m);
    this.clock = options.clock ?? (() => new Date());
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  }

  get platforms(): Platform[] {
    return [...this.messengers.keys()];
  }

  /** Adds the messenger of a platform mounted after the dispatcher was built. */
  mount(messenger: Messenger): void {
    this.messengers.set(messenger.platform, messenger);
  }

  /** Claims due deliveries for the platforms we can reach, sends them and records the outcome. */
  async dispatchDue(options: DispatchOptions): Promise<DispatchResult[]> {
    const batch = options.batch ?? 25;
    const results: DispatchResult[] = [];
    for (;;) {
      const token = randomUUID();
      const claimed = await this.store.repos.deliveries.claim({
        platforms: this.platforms,
        now: options.now,
        wallNow: this.clock(),
        leaseMs: this.leaseMs,
        limit: batch,
        token,
        ...(options.only ? { only: options.only } : {}),
      });
      for (const d of claimed) {
        const r = await this.deliver(d, options.now);
        if (r) results.push(r);
      }
      if (claimed.length < batch) return results;
    }
  }

  /** Deliveries due by `now` for platforms this dispatcher cannot reach (another process sends them). */
  waiting(now: Date): Promise<Delivery[]> {
    return this.store.repos.deliveries.dueElsewhere(this.platforms, now);
  }

  /** One claimed row; null when its lease was lost before the send (another sender has it). */
  private async deliver(d: Delivery, now: Date): Promise<DispatchResult | null> {
    const rows = this.store.repos.deliveries;
    const messenger = this.messengers.get(d.platform as Platform);
    const log = this.logger.child({ deliveryId: d.id, key: d.key, platform: d.platform });
    if (!messenger) {
      await rows.release(d);
      return { delivery: d, outcome: "no-messenger" };
    }
    const wallAtStart = this.clock();
    if (!(await rows.renewLease(d, wallAtStart, this.leaseMs))) {
      log.info("lease lost before sending; another sender has the delivery");
      return null;
    }
    const to: Recipient = { kind: d.targetKind as Recipient["kind"], id: d.target, ref: d.targetRef };
    // Tried before: that attempt may have reached the platform before its sender could record it.
    if (d.attempts > 0 && messenger.findSent) {
      let ref: string | null;
      try {
        ref = await messenger.findSent(d.key, to, d.firstAttemptAt ?? d.createdAt);
      } catch (e) {
        const error = `could not check whether it was already sent: ${String((e as Error)?.message ?? e).slice(0, 200)}`;
        const wait = backoffMs(d.attempts + 1);
        await rows.reschedule(d, new Date(now.getTime() + wait), error);
        log.warn({ error, retryInMs: wait }, "delivery lookup failed; will look again, never send on a guess");
        return { delivery: d, outcome: "retry", error, errorClass: "lookup-failed" };
      }
      if (ref) {
        await rows.markSent(d, this.clock(), ref);
        log.info("delivery found already sent; recorded without sending again");
        return { delivery: { ...d, status: "sent" }, outcome: "already-sent" };
      }
    }
    let result: SendResult;
    try {
      result = await messenger.send({ key: d.key, to, replies: Outbox.replies(d), firstAttemptAt: d.firstAttemptAt ?? wallAtStart });
    } catch (e) {
      result = { ok: false, retryable: true, error: String((e as Error)?.message ?? e).slice(0, 300), errorClass: "network" };
    }
    if (result.ok) {
      if (!(await rows.markSent(d, this.clock(), result.platformRef ?? null))) log.warn("sent, but the lease ran out during the send; the new holder will find it sent where the platform can tell");
      else log.info("delivery sent");
      return { delivery: { ...d, status: "sent" }, outcome: "sent" };
    }
    const errorClass = classOf(result);
    if (!result.retryable) {
      await rows.markFailed(d, result.error);
      log.error({ error: result.error, errorClass }, "delivery refused for good");
      return { delivery: { ...d, status: "failed" }, outcome: "failed", error: result.error, errorClass };
    }
    const window = await rows.catchUpMs(d.workingPartyId);
    if (now.getTime() - d.dueAt.getTime() > window) {
      await rows.markExpired(d, result.error);
      log.error({ error: result.error, errorClass, windowHours: window / 3600_000 }, "delivery given up: still failing after the catch-up window");
      return { delivery: { ...d, status: "expired" }, outcome: "expired", error: result.error, errorClass };
    }
    const wait = Math.max(result.retryAfterMs ?? 0, backoffMs(d.attempts + 1));
    await rows.reschedule(d, new Date(now.getTime() + wait), result.error);
    log.warn({ error: result.error, errorClass, retryInMs: wait }, "delivery failed; will retry");
    return { delivery: d, outcome: "retry", error: result.error, errorClass };
  }
}
