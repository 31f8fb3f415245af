/** Everything a scheduler tick plans, in order: deadline reminders (and, later, report chases). */
import { reminderPlanner, type Planner } from "../reminders/tick.ts";

export const planners: Planner[] = [reminderPlanner];
