/**
 * When a rule reminds about a deadline: pure functions over civil dates. `occurrences` walks forward
 * from a due day; `candidateDueRange` answers the inverse (which due days can have an occurrence in
 * a window), so a tick reads only the deadlines that may be due instead of all of them.
 */
import { addCivilDays } from "../time/civil-date.js";
import { addWorkingDays, toWorkingDay } from "../time/working-days.js";
/** Overdue reminders repeat for at most this long (then the chair has long been told). */
export const MAX_REPEAT_DAYS = 2 * 366;
/** Longest run of non-working days a reminder can be moved across (weekends plus holidays). */
const SHIFT_SLACK_DAYS = 14;
/** The occurrences of `rule` for a deadline due on `due` that fall in [from, to]. */
export function occurrences(rule, due, from, to, holidays) {
    const move = (d, dir) => (rule.workingDaysOnly ? toWorkingDay(d, holidays, dir) : d);
    const within = (d) => d >= from && d <= to;
    switch (rule.kind) {
        case "before": {
            const day = move(addCivilDays(due, -rule.offsetDays), -1);
            return within(day) ? [{ day, index: 0 }] : [];
        }
        case "on": {
            const day = move(due, -1);
            return within(day) ? [{ day, index: 0 }] : [];
        }
        case "after": {
            const out = [];
            const step = rule.repeatDays && rule.repeatDays > 0 ? rule.repeatDays : null;
            for (let k = 0;; k++) {
                const nominalOffset = rule.offsetDays + k * (step ?? 0);
                if (nominalOffset > MAX_REPEAT_DAYS)
                    break;
                const day = move(addCivilDays(due, nominalOffset), 1);
                if (day > to)
                    break;
                if (within(day))
                    out.push({ day, index: k });
                if (!step)
                    break;
            }
            return out;
        }
        case "escalate": {
            const day = addWorkingDays(due, Math.max(1, rule.offsetDays), holidays);
            return within(day) ? [{ day, index: 0 }] : [];
        }
    }
}
/** Due days that can have an occurrence of `rule` in [from, to] (a superset; `occurrences` decides). */
export function candidateDueRange(rule, from, to) {
    switch (rule.kind) {
        case "before":
            return { from: addCivilDays(from, rule.offsetDays), to: addCivilDays(to, rule.offsetDays + SHIFT_SLACK_DAYS) };
        case "on":
            return { from, to: addCivilDays(to, SHIFT_SLACK_DAYS) };
        case "after": {
            const span = rule.repeatDays && rule.repeatDays > 0 ? MAX_REPEAT_DAYS : 0;
            return { from: addCivilDays(from, -rule.offsetDays - span - SHIFT_SLACK_DAYS), to: addCivilDays(to, -rule.offsetDays) };
        }
        case "escalate":
            // N working days never span more than 2N + slack calendar days
            return { from: addCivilDays(from, -2 * rule.offsetDays - SHIFT_SLACK_DAYS), to: addCivilDays(to, -rule.offsetDays) };
    }
}
