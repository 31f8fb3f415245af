/**
 * The rotating Council presidency, one member state per half-year, from the bundled
 * data/council-presidencies.csv. Used by deadline phrases ("by the end of the Polish Presidency"),
 * the timeline and the `presidency` command.
 */
import { projectPath } from "../../config/paths.ts";
import fs from "node:fs";
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { addCivilDays, daysBetween, type CivilDate } from "../../time/civil-date.ts";

/** One presidency term: a member state for a half-year. */
export interface PresidencyTerm {
  start: CivilDate;
  end: CivilDate;
  /** the member state, as the CSV names it ("Poland") */
  country: string;
}

const Row = z.object({
  start: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  end: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  presidency: z.string().min(2),
});

/** Parses the CSV text (columns start,end,presidency), sorted by start. */
export function parsePresidencies(csv: string): PresidencyTerm[] {
  const rows = parse(csv, { columns: true, skip_empty_lines: true, trim: true }) as unknown[];
  return rows.map((r) => Row.parse(r)).map((r) => ({ start: r.start, end: r.end, country: r.presidency })).sort((a, b) => a.start.localeCompare(b.start));
}

let bundled: PresidencyTerm[] | undefined;

/** The bundled list (read once). */
export function bundledPresidencies(): PresidencyTerm[] {
  bundled ??= parsePresidencies(fs.readFileSync(projectPath("data", "council-presidencies.csv"), "utf8"));
  return bundled;
}

/**
 * Adjectives used in Council texts, to the country names of the CSV. A phrase may use either
 * ("the Polish Presidency", "the Poland Presidency" is not written but is accepted).
 */
const ADJECTIVES: Record<string, string> = {
  irish: "Ireland",
  dutch: "Netherlands",
  netherlands: "Netherlands",
  luxembourg: "Luxembourg",
  luxembourgish: "Luxembourg",
  british: "United Kingdom",
  uk: "United Kingdom",
  austrian: "Austria",
  finnish: "Finland",
  german: "Germany",
  portuguese: "Portugal",
  slovenian: "Slovenia",
  french: "France",
  czech: "Czech Republic",
  swedish: "Sweden",
  spanish: "Spain",
  belgian: "Belgium",
  hungarian: "Hungary",
  polish: "Poland",
  danish: "Denmark",
  cypriot: "Cyprus",
  cyprus: "Cyprus",
  lithuanian: "Lithuania",
  greek: "Greece",
  hellenic: "Greece",
  italian: "Italy",
  latvian: "Latvia",
  slovak: "Slovakia",
  maltese: "Malta",
  estonian: "Estonia",
  bulgarian: "Bulgaria",
  romanian: "Romania",
  croatian: "Croatia",
};

/** The country a word names ("Polish", "poland", "Czech"), or undefined. */
export function countryFromWord(word: string, terms: readonly PresidencyTerm[] = bundledPresidencies()): string | undefined {
  const w = word.trim().toLowerCase().replace(/\s+/g, " ");
  const byCountry = terms.find((t) => t.country.toLowerCase() === w);
  return byCountry?.country ?? ADJECTIVES[w];
}

/** The adjective for a country ("Poland" → "Polish"), for display. */
export function adjectiveOf(country: string): string {
  const hit = Object.entries(ADJECTIVES).find(([adj, c]) => c === country && adj !== c.toLowerCase() && adj !== "uk" && adj !== "hellenic");
  return hit ? hit[0][0]!.toUpperCase() + hit[0].slice(1) : country;
}

/** The term in office on a civil day, or undefined outside the bundled years. */
export function presidencyOn(day: CivilDate, terms: readonly PresidencyTerm[] = bundledPresidencies()): PresidencyTerm | undefined {
  return terms.find((t) => t.start <= day && day <= t.end);
}

/**
 * A country's term nearest to a reference day: the one in office that day, otherwise the one with
 * the fewest days between it and the reference; on a tie the later one (plans look forward).
 */
export function nearestTerm(country: string, reference: CivilDate, terms: readonly PresidencyTerm[] = bundledPresidencies()): PresidencyTerm | undefined {
  let best: { t: PresidencyTerm; gap: number } | undefined;
  for (const t of terms) {
    if (t.country !== country) continue;
    const gap = reference < t.start ? daysBetween(reference, t.start) : reference > t.end ? daysBetween(t.end, reference) : 0;
    if (!best || gap < best.gap || (gap === best.gap && t.start > best.t.start)) best = { t, gap };
  }
  return best?.t;
}

/** A stretch of days a phrase is read against: a plan's period, or one day (today, in chat). */
export interface ReferencePeriod {
  from: CivilDate;
  to: CivilDate;
}

/** Days between a term and a period; 0 when they overlap. */
const gapTo = (t: { start: CivilDate; end: CivilDate }, p: ReferencePeriod) =>
  t.end < p.from ? daysBetween(t.end, p.from) : t.start > p.to ? daysBetween(p.to, t.start) : 0;

/**
 * The country's term meant by a presidency named without a year, read against a period: a term
 * within the period, else the nearest one (the later on a tie). "outside" when the list cannot say:
 * a term before its first or after its last row could be nearer than any it holds, so the phrase
 * is refused rather than placed years away (a 2028 plan's "Italian Presidency" is not 2014's).
 */
export function placeTerm(
  country: string,
  period: ReferencePeriod,
  terms: readonly PresidencyTerm[] = bundledPresidencies(),
): { ok: true; term: PresidencyTerm } | { ok: false; reason: "outside" } {
  let best: { t: PresidencyTerm; gap: number } | undefined;
  for (const t of terms) {
    if (t.country !== country) continue;
    const gap = gapTo(t, period);
    if (!best || gap < best.gap || (gap === best.gap && t.start > best.t.start)) best = { t, gap };
  }
  if (!best || terms.length === 0) return { ok: false, reason: "outside" };
  if (best.gap === 0) return { ok: true, term: best.t };
  // the nearest a term the list does not hold could be: just before its first row, just after its last
  const before = { start: addCivilDays(terms[0]!.start, -1), end: addCivilDays(terms[0]!.start, -1) };
  const after = { start: addCivilDays(terms.at(-1)!.end, 1), end: addCivilDays(terms.at(-1)!.end, 1) };
  const unknown = Math.min(gapTo(before, period), gapTo(after, period));
  return best.gap < unknown ? { ok: true, term: best.t } : { ok: false, reason: "outside" };
}

/** "2004–2030": the years the list covers, for messages. */
export function listYears(terms: readonly PresidencyTerm[] = bundledPresidencies()): string {
  return terms.length ? `${terms[0]!.start.slice(0, 4)}–${terms.at(-1)!.end.slice(0, 4)}` : "none";
}

/**
 * The trio a term belongs to. Formal trios began on 1 January 2007 (Germany, Portugal, Slovenia)
 * and follow each other every 18 months; before that there is none.
 */
export function trioOf(term: PresidencyTerm, terms: readonly PresidencyTerm[] = bundledPresidencies()): PresidencyTerm[] {
  if (term.start < "2007-01-01") return [];
  const from2007 = terms.filter((t) => t.start >= "2007-01-01");
  const i = from2007.findIndex((t) => t.start === term.start);
  if (i < 0) return [];
  const first = i - (i % 3);
  return from2007.slice(first, first + 3);
}

/** The term after this one, if the list reaches it. */
export function nextTerm(term: PresidencyTerm, terms: readonly PresidencyTerm[] = bundledPresidencies()): PresidencyTerm | undefined {
  return terms.find((t) => t.start > term.end);
}
