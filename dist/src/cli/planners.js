/** Everything a scheduler tick plans, in order: deadline reminders, then report chases. */
import { enqueueDueChases } from "../collection/chase.js";
import { reminderPlanner } from "../reminders/tick.js";
const chasePlanner = (deps, outbox, now) => enqueueDueChases(deps, outbox, now);
export const planners = [reminderPlanner, chasePlanner];
