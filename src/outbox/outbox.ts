/**
 * The outbox: every proactive message is recorded here before it is sent, under a unique key, so
 * a repeated tick, a restart or a second copy of the bot never sends it twice. This is the one
 * mapping from a message to a row; the deliveries repository stores it.
 */
import type { Reply } from "../core/reply.ts";
import type { Platform } from "../core/message.ts";
import type { Delivery, Repositories, Store } from "../store/index.ts";
import type { DeliveryRow } from "../store/deliveries.ts";
import type { Recipient } from "../core/messenger.ts";

interface Addressed {
  key: string;
  kind: string;
  platform: Platform;
  to: Recipient;
  dueAt: Date;
  workingPartyId?: number | null;
  late?: boolean;
}

/** A message to send. */
export interface NewDelivery extends Addressed {
  replies: Reply[];
}

/**
 * A record kept for idempotency and never sent itself: a reminder item, sent inside a digest
 * ("grouped", with the digest's key) or too late to send ("skipped", named by a later digest).
 */
export interface NewRecord extends Addressed {
  data: unknown;
  status: "grouped" | "skipped";
  digestKey?: string | null;
}

function columns(d: Addressed): Omit<DeliveryRow, "payload" | "status"> {
  return {
    key: d.key,
    kind: d.kind,
    platform: d.platform,
    targetKind: d.to.kind,
    target: d.to.id,
    targetRef: d.to.ref ?? null,
    dueAt: d.dueAt,
    workingPartyId: d.workingPartyId ?? null,
    late: d.late ?? false,
  };
}

export class Outbox {
  /** ids of the deliveries this instance created (a transaction may still roll some back) */
  readonly createdIds: number[] = [];

  private readonly store: Store;

  constructor(store: Store) {
    this.store = store;
  }

  /**
   * Records a delivery unless its key exists; returns true when this call created it. Pass a
   * unit of work to record it together with the change that caused it.
   */
  async enqueue(d: NewDelivery, into: Pick<Repositories, "deliveries"> = this.store.repos): Promise<boolean> {
    const id = await into.deliveries.insert({ ...columns(d), payload: JSON.stringify(d.replies), status: "pending" });
    if (id === null) return false;
    this.createdIds.push(id);
    return true;
  }

  /**
   * Records deliveries whose keys the caller checked are new, in its transaction. A copy of the
   * bot that recorded one meanwhile makes this throw (unique key): the caller's transaction
   * rolls back and re-reads.
   */
  async enqueueNew(ds: readonly NewDelivery[], into: Pick<Repositories, "deliveries"> = this.store.repos): Promise<void> {
    await into.deliveries.insertMany(ds.map((d) => ({ ...columns(d), payload: JSON.stringify(d.replies), status: "pending" as const })));
  }

  /** Records items whose keys the caller checked are new, in its transaction. */
  async record(items: readonly NewRecord[], into: Pick<Repositories, "deliveries"> = this.store.repos): Promise<void> {
    await into.deliveries.insertMany(items.map((r) => ({ ...columns(r), payload: JSON.stringify(r.data), status: r.status, platformRef: r.digestKey ?? null })));
  }

  /** The replies stored with a delivery. */
  static replies(d: Pick<Delivery, "payload">): Reply[] {
    return JSON.parse(d.payload) as Reply[];
  }

  /** Where a stored delivery goes. */
  static recipient(d: Pick<Delivery, "targetKind" | "target" | "targetRef">): Recipient {
    return { kind: d.targetKind as Recipient["kind"], id: d.target, ref: d.targetRef };
  }
}

declare module "../core/command.ts" {
  /** See CoreDeps in src/core/command.ts for why the outbox adds itself here. */
  interface CommandContext {
    /** records proactive messages; the ones this message causes are sent right after it */
    outbox: Outbox;
  }
}
