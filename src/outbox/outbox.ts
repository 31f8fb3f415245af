/**
 * The outbox: every proactive message is recorded here before it is sent, under a unique key, so
 * a repeated tick, a restart or a second copy of the bot never sends it twice.
 */
import type { Reply } from "../core/reply.ts";
import type { Platform } from "../core/message.ts";
import type { Delivery, DbTx, Store } from "../store/index.ts";
import type { Recipient } from "../core/messenger.ts";

export interface NewDelivery {
  key: string;
  kind: string;
  platform: Platform;
  to: Recipient;
  replies: Reply[];
  dueAt: Date;
  workingPartyId?: number | null;
  late?: boolean;
  /** record as skipped (too late to send) rather than pending */
  skipped?: boolean;
}

export class Outbox {
  /** ids of the deliveries this instance created (a transaction may still roll some back) */
  readonly createdIds: number[] = [];

  constructor(private readonly store: Store) {}

  /**
   * Records a delivery unless its key exists; returns true when this call created it. Pass a
   * transaction client to record it together with the change that caused it.
   */
  async enqueue(d: NewDelivery, tx: DbTx = this.store.db): Promise<boolean> {
    const existing = await tx.delivery.findUnique({ where: { key: d.key }, select: { id: true } });
    if (existing) return false;
    try {
      const row = await tx.delivery.create({
        data: {
          key: d.key,
          kind: d.kind,
          platform: d.platform,
          targetKind: d.to.kind,
          target: d.to.id,
          targetRef: d.to.ref ?? null,
          payload: JSON.stringify(d.replies),
          dueAt: d.dueAt,
          nextAttemptAt: d.dueAt,
          workingPartyId: d.workingPartyId ?? null,
          late: d.late ?? false,
          status: d.skipped ? "skipped" : "pending",
        },
        select: { id: true },
      });
      this.createdIds.push(row.id);
      return true;
    } catch (e) {
      if ((e as { code?: string }).code === "P2002") return false; // another copy recorded it first
      throw e;
    }
  }

  /** The replies stored with a delivery. */
  static replies(d: Pick<Delivery, "payload">): Reply[] {
    return JSON.parse(d.payload) as Reply[];
  }
}

declare module "../core/command.ts" {
  /** See CoreDeps in src/core/command.ts for why the outbox adds itself here. */
  interface CommandContext {
    /** records proactive messages; the ones this message causes are sent right after it */
    outbox: Outbox;
  }
}
