import { instantAt } from "../time/civil-date.js";
import { toRule, describeRule } from "./rules.js";
import { candidateDueRange, occurrences } from "./schedule.js";
import { parseHolidays } from "../time/working-days.js";
import { remindsOf, supersededPlans } from "./plan-reminders.js";
export async function upcomingReminders(db, wp, from, until) {
    const rules = (await db.reminderRule.findMany({ where: { workingPartyId: wp.id, enabled: true } })).map(toRule).filter((r) => r !== null);
    const holidays = parseHolidays(wp.holidays);
    const superseded = await supersededPlans(db, wp.id);
    const out = [];
    for (const rule of rules) {
        const range = candidateDueRange(rule, from, until);
        const deadlines = await db.deadline.findMany({
            where: { dueDate: { gte: range.from, lte: range.to }, plan: { workingPartyId: wp.id, status: { not: "closed" } }, OR: [{ actionId: null }, { action: { status: "open" } }] },
            include: { plan: { select: { number: true } }, action: { select: { code: true, title: true } } },
        });
        for (const d of deadlines) {
            if (!remindsOf(rule, d, superseded))
                continue;
            for (const occ of occurrences(rule, d.dueDate, from, until, holidays)) {
                out.push({
                    at: instantAt(occ.day, rule.deliveryTime, wp.timeZone).toISOString(),
                    rule: describeRule(rule),
                    plan: d.plan.number,
                    action: d.action?.code ?? null,
                    title: d.action?.title ?? d.what ?? "Adopt the next action plan",
                    due: d.dueDate,
                    dueText: d.text,
                });
            }
        }
    }
    return out.sort((a, b) => a.at.localeCompare(b.at) || (a.action ?? "").localeCompare(b.action ?? ""));
}
