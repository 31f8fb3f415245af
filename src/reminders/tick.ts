/**
 * One scheduler tick: every planner records what is due at `now` in the outbox (reminders; the
 * collection's chases plug in the same way), then the dispatcher sends what the outbox holds.
 * Permanent failures are reported to the working party's secretariat channel, once each.
 */
import type { Logger } from "../log/logger.ts";
import type { Dispatcher, DispatchResult } from "../outbox/dispatcher.ts";
import { Outbox } from "../outbox/outbox.ts";
import { textReply } from "../core/reply.ts";
import type { Store } from "../store/index.ts";
import { planReminders } from "./plan-reminders.ts";
import { secretariatChannels } from "../outbox/recipients.ts";

/** Records what is due at `now`; runs every tick. */
export type Planner = (deps: { store: Store; logger: Logger }, outbox: Outbox, now: Date) => Promise<unknown>;

export const reminderPlanner: Planner = ({ store, logger }, _outbox, now) => planReminders(store, now, logger);

export interface TickResult {
  results: DispatchResult[];
}

export async function runTick(deps: { store: Store; logger: Logger }, dispatcher: Dispatcher, now: Date, planners: Planner[]): Promise<TickResult> {
  const outbox = new Outbox(deps.store);
  for (const plan of planners) {
    try {
      await plan(deps, outbox, now);
    } catch (e) {
      // One failing planner must not stop the others or the sending of what is already recorded.
      deps.logger.error({ err: e }, "planner failed");
    }
  }
  const results: DispatchResult[] = [];
  for (;;) {
    const batch = await dispatcher.dispatchDue({ now, limit: 200 });
    results.push(...batch);
    if (batch.length < 200) break;
  }
  const failed = results.filter((r) => r.outcome === "failed");
  if (failed.length) {
    await reportFailures(deps.store, outbox, failed, now);
    results.push(...(await dispatcher.dispatchDue({ now, only: outbox.createdIds })));
  }
  return { results };
}

async function reportFailures(store: Store, outbox: Outbox, failed: DispatchResult[], now: Date): Promise<void> {
  for (const f of failed) {
    if (!f.delivery.workingPartyId || f.delivery.kind === "failure-notice") continue;
    for (const ch of await secretariatChannels(store.db, f.delivery.workingPartyId)) {
      // Report through another route than the one that failed, if there is one.
      if (ch.platform === f.delivery.platform && ch.to.id === f.delivery.target) continue;
      await outbox.enqueue({
        key: `failure:${f.delivery.key}:${ch.id}`,
        kind: "failure-notice",
        platform: ch.platform,
        to: ch.to,
        workingPartyId: f.delivery.workingPartyId,
        dueAt: now,
        replies: [
          textReply(
            `A ${f.delivery.kind} could not be delivered to ${f.delivery.targetKind} ${f.delivery.target} on ${f.delivery.platform}: ${f.error ?? "unknown error"}. Check that the channel exists and the bot is still in it.`,
            "shared",
          ),
        ],
      });
    }
  }
}
