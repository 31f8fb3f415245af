/**
 * When the bot chases missing reports. Documented rule: 7 and 2 working days before the due date
 * and on the due day itself, each at 09:00 in the working party's time zone. Working days are
 * Monday to Friday minus the working party's holidays. Pure: `now` and the time zone are inputs.
 */
import { civilDateAt, instantAt } from "../time/civil-date.js";
import { addWorkingDays } from "../time/working-days.js";
/** Working days before the due day on which a chase goes out (0: the due day itself). */
export const CHASE_WORKING_DAYS_BEFORE = [7, 2, 0];
/** Local time of day at which chases go out. */
export const CHASE_TIME = "09:00";
/** Today's civil date in a time zone, "YYYY-MM-DD". */
export const civilDay = civilDateAt;
/** Every chase of a collection due on `due`, earliest first. */
export function chaseSchedule(due, timeZone, holidays = []) {
    const hol = new Set(holidays);
    return CHASE_WORKING_DAYS_BEFORE.map((n) => {
        const day = addWorkingDays(due, -n, hol);
        return { tag: n === 0 ? "due-day" : `wd-${n}`, day, at: instantAt(day, CHASE_TIME, timeZone) };
    });
}
/**
 * The chase to send at `now`, if any: the latest scheduled one that has come, but not one planned
 * before the collection started (its leads were just asked) and none once the due day is over.
 * After downtime only the latest missed chase goes out, not a burst of stale ones.
 */
export function dueChase(schedule, opts) {
    if (civilDay(opts.now, opts.timeZone) > opts.due)
        return null;
    const come = schedule.filter((o) => o.at.getTime() <= opts.now.getTime() && o.at.getTime() > opts.startedAt.getTime());
    return come.at(-1) ?? null;
}
