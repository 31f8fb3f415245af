/** The planning job's CLI commands, registered together (one entry in main.ts keeps merges easy). */
import type { Command } from "commander";
import type { CliContext } from "../context.ts";
import { registerCalendar } from "./calendar.ts";
import { registerDeadlines } from "./deadlines.ts";
import { registerImportPlan } from "./import-plan.ts";
import { registerPlanCycle } from "./plan-cycle.ts";
import { registerPresidency } from "./presidency.ts";
import { registerTimeline } from "./timeline.ts";

/** plan cycle, deadlines, import plan, calendar, timeline, presidency. */
export function registerPlanning(program: Command, ctx: CliContext): void {
  for (const register of [registerPlanCycle, registerDeadlines, registerImportPlan, registerCalendar, registerTimeline, registerPresidency]) register(program, ctx);
}
