/** Everything a scheduler tick plans, in order: deadline reminders, then report chases. */
import { chasePlanner } from "../collection/chase-planner.ts";
import { reminderPlanner } from "../reminders/reminder-planner.ts";
import type { Planner } from "./tick.ts";

export const planners: Planner[] = [reminderPlanner, chasePlanner];
