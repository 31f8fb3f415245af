/**
 * The scheduler of a running bot: node-cron ticks every minute; each tick plans what is due and
 * sends it. Ticks never overlap in one process; several processes are safe (the outbox decides).
 */
import cron from "node-cron";
import type { Logger } from "../log/logger.ts";
import type { Dispatcher } from "../outbox/dispatcher.ts";
import { runTick, type Planner } from "./tick.ts";
import type { Store } from "../store/index.ts";

export interface Scheduler {
  /** runs one tick now (used at start-up, so downtime is caught up at once) */
  tickNow(): Promise<void>;
  stop(): void;
}

export function startScheduler(deps: { store: Store; logger: Logger }, dispatcher: Dispatcher, planners: Planner[], clock: () => Date = () => new Date()): Scheduler {
  let running: Promise<void> | null = null;
  const tick = async () => {
    if (running) return running; // the previous tick is still sending
    running = (async () => {
      try {
        const { results } = await runTick(deps, dispatcher, clock(), planners);
        if (results.length) deps.logger.info({ deliveries: results.map((r) => ({ key: r.delivery.key, outcome: r.outcome })) }, "tick");
      } catch (e) {
        deps.logger.error({ err: e }, "tick failed");
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const task = cron.schedule("* * * * *", () => void tick(), { noOverlap: true });
  return { tickNow: tick, stop: () => void task.stop() };
}
