/** The collection job's planner: each tick records the chases of reports that are due. */
import type { Planner } from "../scheduler/tick.ts";
import { enqueueDueChases } from "./chase.ts";

export const chasePlanner: Planner = (deps, outbox, now) => enqueueDueChases(deps, outbox, now);
