import { registerCalendar } from "./calendar.js";
import { registerDeadlines } from "./deadlines.js";
import { registerImportPlan } from "./import-plan.js";
import { registerPlanCycle } from "./plan-cycle.js";
import { registerPresidency } from "./presidency.js";
import { registerTimeline } from "./timeline.js";
/** plan cycle, deadlines, import plan, calendar, timeline, presidency. */
export function registerPlanning(program, ctx) {
    for (const register of [registerPlanCycle, registerDeadlines, registerImportPlan, registerCalendar, registerTimeline, registerPresidency])
        register(program, ctx);
}
