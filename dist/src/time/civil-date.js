/**
 * Civil dates ("YYYY-MM-DD", a day on the working party's calendar) and the instants they meet.
 * Day arithmetic is done on the calendar, never by adding 24 hours, so DST changes cannot shift a
 * day; the time zone only matters when a day and a local time become an instant.
 */
import { TZDate } from "@date-fns/tz";
import { addDays, differenceInCalendarDays, format, getISODay } from "date-fns";
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** True for a real calendar day written YYYY-MM-DD. */
export function isCivilDate(s) {
    const m = ISO_DAY.exec(s);
    if (!m)
        return false;
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}
/** A civil date as a UTC midnight Date, for calendar arithmetic only. */
function toUtc(day) {
    const m = ISO_DAY.exec(day);
    if (!m)
        throw new RangeError(`not a YYYY-MM-DD date: ${day}`);
    return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}
function fromUtc(d) {
    return d.toISOString().slice(0, 10);
}
/** `day` plus `n` calendar days (n may be negative). */
export function addCivilDays(day, n) {
    return fromUtc(addDays(toUtc(day), n));
}
/** Calendar days from `a` to `b` (positive when b is later). */
export function civilDaysBetween(a, b) {
    return differenceInCalendarDays(toUtc(b), toUtc(a));
}
/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(day) {
    return getISODay(toUtc(day));
}
/** The civil date an instant falls on in a time zone. */
export function civilDateAt(instant, timeZone) {
    return format(new TZDate(instant.getTime(), timeZone), "yyyy-MM-dd");
}
/** The instant a local time ("HH:MM") on a civil date occurs in a time zone (DST-correct). */
export function instantAt(day, time, timeZone) {
    const m = ISO_DAY.exec(day);
    const t = /^(\d{2}):(\d{2})$/.exec(time);
    if (!m || !t)
        throw new RangeError(`bad day or time: ${day} ${time}`);
    const local = new TZDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(t[1]), Number(t[2]), 0, timeZone);
    return new Date(local.getTime());
}
