/**
 * Civil dates ("YYYY-MM-DD" in a working party's time zone, see docs/database.md): parsing,
 * formatting and "today". Calendar arithmetic runs on TZDate so that a day never shifts across DST.
 */
import { TZDate } from "@date-fns/tz";
import { format, isValid } from "date-fns";
const CIVIL = /^(\d{4})-(\d{2})-(\d{2})$/;
/** The parts of a civil date, or null when it is not a real day (e.g. "1998-02-30"). */
export function civilParts(s) {
    const m = CIVIL.exec(s);
    if (!m)
        return null;
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo))
        return null;
    return { y, m: mo, d };
}
/** True for a real calendar day written YYYY-MM-DD. */
export function isCivilDate(s) {
    return civilParts(s) !== null;
}
/** Formats year, month (1-12), day as "YYYY-MM-DD". */
export function civil(y, m, d) {
    return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
/** Days in month `m` (1-12) of year `y`. */
export function daysInMonth(y, m) {
    return new Date(Date.UTC(y, m, 0)).getUTCDate();
}
/** Midnight of a civil day in a time zone, as a TZDate (for date-fns arithmetic in that zone). */
export function tzDay(day, timeZone) {
    const p = civilParts(day);
    if (!p)
        throw new RangeError(`not a calendar day: ${day}`);
    return new TZDate(p.y, p.m - 1, p.d, timeZone);
}
/** The civil day of a date-fns date in its own zone. */
export function toCivil(date) {
    if (!isValid(date))
        throw new RangeError("invalid date");
    return format(date, "yyyy-MM-dd");
}
/** Today in a time zone: the civil day `now` falls on there. */
export function todayIn(now, timeZone) {
    return format(new TZDate(now.getTime(), timeZone), "yyyy-MM-dd");
}
/** True when the string is a time zone the runtime knows. */
export function isTimeZone(tz) {
    try {
        new Intl.DateTimeFormat("en", { timeZone: tz });
        return true;
    }
    catch {
        return false;
    }
}
/** "31 December 1998" for a civil date. */
export function longDate(day) {
    const p = civilParts(day);
    if (!p)
        return day;
    return `${p.d} ${MONTH_NAMES[p.m - 1]} ${p.y}`;
}
/** English month names, January first. */
export const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
/** Whole days from civil day `a` to `b` (negative when b is before a). */
export function daysBetween(a, b) {
    const pa = civilParts(a);
    const pb = civilParts(b);
    return Math.round((Date.UTC(pb.y, pb.m - 1, pb.d) - Date.UTC(pa.y, pa.m - 1, pa.d)) / 86_400_000);
}
