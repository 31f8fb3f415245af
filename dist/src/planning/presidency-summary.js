import { daysBetween } from "../time/civil-date.js";
import { listDeadlines } from "./deadlines.js";
import { adjectiveOf, bundledPresidencies, nextTerm, presidencyOn, trioOf } from "./presidencies.js";
/** Builds the summary for civil day `date`; deadlines from `workingPartyId` when given. */
export async function presidencySummary(db, date, workingPartyId, terms = bundledPresidencies()) {
    const term = presidencyOn(date, terms);
    if (!term)
        return { date, trio: [], deadlines: [] };
    const next = nextTerm(term, terms);
    const deadlines = workingPartyId ? await listDeadlines(db, { workingPartyId, from: term.start, until: term.end }, date) : [];
    return {
        date,
        term: { ...term, adjective: adjectiveOf(term.country) },
        trio: trioOf(term, terms),
        ...(next ? { next: { ...next, inDays: daysBetween(date, next.start) } } : {}),
        deadlines,
    };
}
