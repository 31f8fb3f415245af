/**
 * Reminder rules of a working party: when, relative to a due day, a reminder goes out, at what
 * local time, and to which channels. Stored in ReminderRule; parsed here once.
 */
import { z } from "zod";
export const RULE_KINDS = ["before", "on", "after", "escalate"];
export const DeliveryTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time such as 09:00");
/** The rules a new working party starts with: 14 and 3 days before, on the day, 1 day overdue then weekly, and the chair told after 5 working days overdue. */
export const DEFAULT_RULES = [
    { kind: "before", offsetDays: 14, repeatDays: null, deliveryTime: "09:00", workingDaysOnly: true, channelIds: [] },
    { kind: "before", offsetDays: 3, repeatDays: null, deliveryTime: "09:00", workingDaysOnly: true, channelIds: [] },
    { kind: "on", offsetDays: 0, repeatDays: null, deliveryTime: "09:00", workingDaysOnly: true, channelIds: [] },
    { kind: "after", offsetDays: 1, repeatDays: 7, deliveryTime: "09:00", workingDaysOnly: true, channelIds: [] },
    { kind: "escalate", offsetDays: 5, repeatDays: null, deliveryTime: "09:00", workingDaysOnly: true, channelIds: [] },
];
/** A stored rule as a Rule; unknown kinds (from a newer version) are left out. */
export function toRule(row) {
    if (!RULE_KINDS.includes(row.kind))
        return null;
    const channelIds = z.array(z.number().int()).catch([]).parse(safeJson(row.channelIds));
    return {
        id: row.id,
        kind: row.kind,
        offsetDays: row.offsetDays,
        repeatDays: row.repeatDays,
        deliveryTime: DeliveryTime.catch("09:00").parse(row.deliveryTime),
        workingDaysOnly: row.workingDaysOnly,
        channelIds,
    };
}
/** How a rule reads to a person: "14 days before", "on the day", "1 day after, then every 7 days". */
export function describeRule(r) {
    const days = (n) => `${n} day${n === 1 ? "" : "s"}`;
    const when = r.kind === "before"
        ? `${days(r.offsetDays)} before`
        : r.kind === "on"
            ? "on the due day"
            : r.kind === "after"
                ? `${days(r.offsetDays)} overdue${r.repeatDays ? `, then every ${days(r.repeatDays)} while open` : ""}`
                : `tell the chair when ${r.offsetDays} working day${r.offsetDays === 1 ? "" : "s"} overdue`;
    return `${when}, at ${r.deliveryTime}`;
}
export function safeJson(s) {
    try {
        return JSON.parse(s);
    }
    catch {
        return null;
    }
}
