/** Everything a scheduler tick plans, in order: deadline reminders, then report chases. */
import { enqueueDueChases } from "../collection/chase.ts";
import { reminderPlanner, type Planner } from "../reminders/tick.ts";

const chasePlanner: Planner = (deps, outbox, now) => enqueueDueChases(deps, outbox, now);

export const planners: Planner[] = [reminderPlanner, chasePlanner];
