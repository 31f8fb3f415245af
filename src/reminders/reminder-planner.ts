/** The reminders job's planner: each tick records the deadline reminders that are due. */
import type { Planner } from "../scheduler/tick.ts";
import { planReminders } from "./plan-reminders.ts";

export const reminderPlanner: Planner = ({ store, logger }, outbox, now) => planReminders(store, outbox, now, logger);
