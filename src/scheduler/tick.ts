/**
 * One scheduler tick: every planner records what is due at `now` in the outbox (reminders; the
 * collection's chases plug in the same way), then the dispatcher sends what the outbox holds.
 * Deliveries refused for good or given up after an outage are reported to the working party's
 * secretariat channels, once each, naming what went wrong.
 */
import type { Logger } from "../log/logger.ts";
import type { Dispatcher, DispatchResult } from "../outbox/dispatcher.ts";
import { Outbox } from "../outbox/outbox.ts";
import { reportFailures } from "../outbox/failure-notices.ts";
import type { Store } from "../store/index.ts";

/** Records what is due at `now`; runs every tick. Each job that sends on a schedule registers one (planners.ts). */
export type Planner = (deps: { store: Store; logger: Logger }, outbox: Outbox, now: Date) => Promise<unknown>;

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
  const results = await dispatcher.dispatchDue({ now });
  const notices = await reportFailures(deps.store, outbox, results, now);
  if (notices.length) results.push(...(await dispatcher.dispatchDue({ now, only: notices })));
  return { results };
}
