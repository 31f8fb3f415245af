/** The reminders job's planner: each tick records the deadline reminders that are due (src/scheduler runs it). */
import type { Logger } from "../log/logger.ts";
import type { Outbox } from "../outbox/outbox.ts";
import type { Store } from "../store/index.ts";
import { planReminders } from "./plan-reminders.ts";

export const reminderPlanner = ({ store, logger }: { store: Store; logger: Logger }, outbox: Outbox, now: Date) => planReminders(store, outbox, now, logger);
