/** The collection job's planner: each tick records the chases of reports that are due (src/scheduler runs it). */
import type { Logger } from "../log/logger.ts";
import type { Outbox } from "../outbox/outbox.ts";
import type { Store } from "../store/index.ts";
import { enqueueDueChases } from "./chase.ts";

export const chasePlanner = (deps: { store: Store; logger: Logger }, outbox: Outbox, now: Date) => enqueueDueChases(deps, outbox, now);
