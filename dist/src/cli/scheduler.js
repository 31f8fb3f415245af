/**
 * The scheduler of a running bot: node-cron ticks every minute; each tick plans what is due and
 * sends it. Ticks never overlap in one process; several processes are safe (the outbox decides).
 */
import cron from "node-cron";
import { runTick } from "../reminders/tick.js";
export function startScheduler(deps, dispatcher, planners, clock = () => new Date()) {
    let running = null;
    const tick = async () => {
        if (running)
            return running; // the previous tick is still sending
        running = (async () => {
            try {
                const { results } = await runTick(deps, dispatcher, clock(), planners);
                if (results.length)
                    deps.logger.info({ deliveries: results.map((r) => ({ key: r.delivery.key, outcome: r.outcome })) }, "tick");
            }
            catch (e) {
                deps.logger.error({ err: e }, "tick failed");
            }
            finally {
                running = null;
            }
        })();
        return running;
    };
    const task = cron.schedule("* * * * *", () => void tick(), { noOverlap: true });
    return { tickNow: tick, stop: () => void task.stop() };
}
