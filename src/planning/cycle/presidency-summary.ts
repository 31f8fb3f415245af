/**
 * The presidency in office on a day, its trio, the next hand-over, and the working party's deadlines
 * that fall in the current term: what `secretariat presidency` and chat "presidency" show.
 */
import type { Repositories } from "../../store/index.ts";
import { daysBetween, type CivilDate } from "../../time/civil-date.ts";
import { listDeadlines, type DeadlineRow } from "../deadlines/deadlines.ts";
import { adjectiveOf, bundledPresidencies, nextTerm, presidencyOn, trioOf, type PresidencyTerm } from "./presidencies.ts";

/** The summary; `term` is undefined outside the years the bundled list covers. */
export interface PresidencySummary {
  date: CivilDate;
  term?: PresidencyTerm & { adjective: string };
  trio: PresidencyTerm[];
  next?: PresidencyTerm & { inDays: number };
  deadlines: DeadlineRow[];
}

/** Builds the summary for civil day `date`; deadlines from `workingPartyId` when given. */
export async function presidencySummary(repos: Pick<Repositories, "actionPlans">, date: CivilDate, workingPartyId?: number, terms = bundledPresidencies()): Promise<PresidencySummary> {
  const term = presidencyOn(date, terms);
  if (!term) return { date, trio: [], deadlines: [] };
  const next = nextTerm(term, terms);
  const deadlines = workingPartyId ? await listDeadlines(repos, { workingPartyId, from: term.start, until: term.end }, date) : [];
  return {
    date,
    term: { ...term, adjective: adjectiveOf(term.country) },
    trio: trioOf(term, terms),
    ...(next ? { next: { ...next, inDays: daysBetween(date, next.start) } } : {}),
    deadlines,
  };
}
