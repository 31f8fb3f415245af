import { daysBetween, longDate } from "../time/civil-date.js";
/**
 * The current plan on `today`: the running one with the highest number; otherwise the latest that
 * has started; otherwise the first upcoming one.
 */
export async function currentPlan(db, workingPartyId, today) {
    const plans = await db.actionPlan.findMany({ where: { workingPartyId }, orderBy: { number: "asc" } });
    return pickCurrent(plans, today);
}
/** Pure part of currentPlan. */
export function pickCurrent(plans, today) {
    const running = plans.filter((p) => p.startDate <= today && today <= p.endDate);
    if (running.length)
        return running.reduce((a, b) => (b.number > a.number ? b : a));
    const started = plans.filter((p) => p.startDate <= today).sort((a, b) => a.startDate.localeCompare(b.startDate) || a.number - b.number);
    if (started.length)
        return started.at(-1);
    return [...plans].sort((a, b) => a.startDate.localeCompare(b.startDate))[0] ?? null;
}
/** One sentence on the next adoption: due, late, or done (a later plan exists). */
export function adoptionSentence(plan, laterPlanExists, today) {
    if (laterPlanExists)
        return `The plan after plan ${plan.number} has been adopted.`;
    const days = daysBetween(today, plan.adoptNextBy);
    if (days < 0)
        return `The next plan should have been adopted by ${longDate(plan.adoptNextBy)} (${-days} day${days === -1 ? "" : "s"} ago); plan ${plan.number} ${plan.endDate < today ? "ended" : "ends"} on ${longDate(plan.endDate)}.`;
    if (days === 0)
        return `The next plan must be adopted today (${longDate(plan.adoptNextBy)}), 2 months before plan ${plan.number} ends.`;
    return `The next plan must be adopted by ${longDate(plan.adoptNextBy)} (in ${days} day${days === 1 ? "" : "s"}); plan ${plan.number} ends on ${longDate(plan.endDate)}.`;
}
