/**
 * Deadline phrases as Council work programmes write them ("June 1998", "By December 1997",
 * "Conclude discussion by end 1997.", "Early 1998", "under the Irish Presidency") turned into a due
 * day: the last day of the period named, with the words kept and a precision. Never throws: an
 * unreadable phrase is a value naming the phrase and the accepted forms. Vague words are defined
 * once, in VAGUE below, and documented in docs/planning.md.
 */
import { civil, daysInMonth, longDate, type CivilDate } from "../../time/civil-date.ts";
import { adjectiveOf, bundledPresidencies, countryFromWord, listYears, placeTerm, type PresidencyTerm, type ReferencePeriod } from "../cycle/presidencies.ts";

/** How exact a deadline is: the period its words name. */
export const PRECISIONS = ["day", "month", "quarter", "half", "year", "period"] as const;
/** One of PRECISIONS. */
export type Precision = (typeof PRECISIONS)[number];

/** A readable phrase: its words, its precision and its due day (end of the period). */
export interface ParsedPhrase {
  ok: true;
  text: string;
  precision: Precision;
  dueDate: CivilDate;
}

/** The result of parsing: a phrase, or an error that names it and shows accepted forms. */
export type PhraseResult = ParsedPhrase | { ok: false; error: string };

/** What a phrase is read against. */
export interface PhraseOptions {
  /**
   * The day the phrase is read against: a presidency named without a year ("under the Irish
   * Presidency") is that country's term nearest to it. Plans pass their start date, chat today.
   */
  reference: CivilDate;
  /** with `reference`, the period read against: plans pass their end, so the term nearest the plan's own period is meant */
  referenceEnd?: CivilDate;
  presidencies?: readonly PresidencyTerm[];
}

/** Accepted forms, shown in every error. */
export const ACCEPTED_FORMS =
  "2026-03-15, 15 March 2026, June 2026, by end 2026, Q3 2026, H2 2026, first half of 2026, mid-2026, early 2026, during 2026, by the end of the Polish Presidency";

/**
 * The choice for vague words (docs/planning.md): "early" is the first quarter, "mid" the first
 * half, "late" the whole year; within a month, early is the 10th, mid the 15th, late its last day.
 * Seasons are meteorological: spring ends 31 May, summer 31 August, autumn 30 November.
 */
export const VAGUE = {
  year: { early: [3, 31], mid: [6, 30], late: [12, 31], beginning: [3, 31] },
  month: { early: 10, mid: 15, late: "last" },
  season: { spring: [5, 31], summer: [8, 31], autumn: [11, 30], fall: [11, 30] },
} as const;

const MAX_LENGTH = 200;
const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};
const MONTH_RE = `(${Object.keys(MONTHS).join("|")})\\.?`;
// Compiled once: building them per call cost most of the parse time.
const DAY_MONTH_YEAR = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)? (?:of )?${MONTH_RE},? (\\d{4})$`);
const MONTH_DAY_YEAR = new RegExp(`^${MONTH_RE} (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})$`);
const MONTH_YEAR = new RegExp(`^(?:(early|mid|late)[- ]|(?:the )?(?:middle|beginning) of )?${MONTH_RE},? (\\d{4})$`);
const ORD: Record<string, number> = { first: 1, "1st": 1, second: 2, "2nd": 2, third: 3, "3rd": 3, fourth: 4, "4th": 4, last: 4 };
/** Words after which a date may follow: "Consider by June 1998", "Target date of December 1998". */
const CONNECTORS = new Set(["by", "in", "of", "before", "during", "until", "till", "under", "at", "on", "for", "within", "than", "around"]);

type Core = { precision: Precision; dueDate: CivilDate } | null;

/** What phrases are read against. */
interface Reading {
  period: ReferencePeriod;
  terms: readonly PresidencyTerm[];
}

/** A phrase that reads as a presidency the list cannot place: refused with this reason, never guessed. */
class Unplaced extends Error {}

/** Parses a deadline phrase; see ACCEPTED_FORMS. */
export function parseDeadlinePhrase(input: unknown, options: PhraseOptions): PhraseResult {
  try {
    if (typeof input !== "string") return fail(`(${input === null ? "null" : typeof input})`, "a deadline must be text");
    const text = input.replace(/\s+/g, " ").trim();
    if (text.length === 0) return fail(text, "the deadline is empty");
    if (text.length > MAX_LENGTH) return fail(`${text.slice(0, 40)}…`, `a deadline is at most ${MAX_LENGTH} characters`);
    const s = normalize(text);
    const reading: Reading = {
      period: { from: options.reference, to: options.referenceEnd && options.referenceEnd > options.reference ? options.referenceEnd : options.reference },
      terms: options.presidencies ?? bundledPresidencies(),
    };
    const found = core(s, reading) ?? afterConnector(s, reading);
    if (!found) return fail(text);
    return { ok: true, text, ...found };
  } catch (e) {
    if (e instanceof Unplaced) return { ok: false, error: `I cannot read "${shorten(input as string)}" as a deadline: ${e.message}.` };
    // The parser is total by contract; an unexpected failure is still an answer, never a throw.
    return fail(typeof input === "string" ? input.slice(0, 60) : "(not text)", "internal error");
  }
}

const shorten = (phrase: string) => {
  const p = phrase.replace(/\s+/g, " ").trim();
  return p.length > 60 ? `${p.slice(0, 59)}…` : p;
};

function fail(phrase: string, why?: string): { ok: false; error: string } {
  const shown = shorten(phrase);
  return { ok: false, error: `I cannot read "${shown}" as a deadline${why ? ` (${why})` : ""}. Write it like one of: ${ACCEPTED_FORMS}.` };
}

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u2013\u2014]/g, "-")
    .replace(/^["'(\[]+|["')\]]+$/g, "")
    .replace(/[.;:!,]+$/g, "")
    .replace(/,? at the latest$/, "")
    .replace(/^(?:deadline|due|target(?: date)?)\s*:\s*/, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Tries the part after each connector word, leftmost first, when the words before it hold no date. */
function afterConnector(s: string, reading: Reading): Core {
  const words = s.split(" ");
  for (let i = 0; i < words.length - 1; i++) {
    if (!CONNECTORS.has(words[i]!)) continue;
    const before = words.slice(0, i).join(" ");
    if (!/^[a-z ,'/-]*$/.test(before)) return null;
    const hit = core(words.slice(i + 1).join(" "), reading);
    if (hit) return hit;
  }
  return null;
}

const year = (y: string) => {
  const n = Number(y);
  return n >= 1900 && n <= 2199 ? n : null;
};
const day = (y: number | null, m: number, d: number): Core => {
  if (y === null || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { precision: "day", dueDate: civil(y, m, d) };
};
const monthEnd = (y: number | null, m: number, precision: Precision = "month"): Core =>
  y === null ? null : { precision, dueDate: civil(y, m, daysInMonth(y, m)) };

function core(s: string, reading: Reading, depth = 0): Core {
  let m: RegExpExecArray | null;
  // 2026-03-15 (ISO); 15/03/2026 and 15.03.2026 are day-month-year, as written in Council documents.
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s))) return day(year(m[1]!), Number(m[2]), Number(m[3]));
  if ((m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(s))) return day(year(m[3]!), Number(m[2]), Number(m[1]));
  if ((m = /^(\d{4})-(\d{2})$/.exec(s))) return Number(m[2]) >= 1 && Number(m[2]) <= 12 ? monthEnd(year(m[1]!), Number(m[2])) : null;
  // 15 March 2026, 15th March 2026, March 15, 2026
  if ((m = DAY_MONTH_YEAR.exec(s))) return day(year(m[3]!), MONTHS[m[2]!]!, Number(m[1]));
  if ((m = MONTH_DAY_YEAR.exec(s))) return day(year(m[3]!), MONTHS[m[1]!]!, Number(m[2]));
  // June 1998, early June 1998, mid-June 1998, late June 1998
  if ((m = MONTH_YEAR.exec(s))) {
    const y = year(m[3]!);
    const mo = MONTHS[m[2]!]!;
    const q = m[1] ?? (/^(?:the )?middle/.test(s) ? "mid" : /^(?:the )?beginning/.test(s) ? "early" : undefined);
    if (!q) return monthEnd(y, mo);
    if (q === "late") return monthEnd(y, mo, "period");
    const d = VAGUE.month[q as "early" | "mid"];
    return y === null ? null : { precision: "period", dueDate: civil(y, mo, d) };
  }
  // Q3 2026, 3Q 2026, 2026 Q3, third quarter of 2026
  if ((m = /^q([1-4])[ /-]?(\d{4})$/.exec(s)) || (m = /^([1-4])q[ /-]?(\d{4})$/.exec(s))) return monthEnd(year(m[2]!), Number(m[1]) * 3, "quarter");
  if ((m = /^(\d{4})[ /-]?q([1-4])$/.exec(s))) return monthEnd(year(m[1]!), Number(m[2]) * 3, "quarter");
  if ((m = /^(?:the )?(first|second|third|fourth|1st|2nd|3rd|4th|last) quarter(?: of)? (\d{4})$/.exec(s))) return monthEnd(year(m[2]!), ORD[m[1]!]! * 3, "quarter");
  // H2 2026, 2026 H2, first half of 2026, second semester 2026
  if ((m = /^h([12])[ /-]?(\d{4})$/.exec(s)) || (m = /^([12])h[ /-]?(\d{4})$/.exec(s))) return monthEnd(year(m[2]!), Number(m[1]) * 6, "half");
  if ((m = /^(\d{4})[ /-]?h([12])$/.exec(s))) return monthEnd(year(m[1]!), Number(m[2]) * 6, "half");
  if ((m = /^(?:the )?(first|second|1st|2nd|last) (?:half(?:[- ]year)?|semester)(?: of)? (\d{4})$/.exec(s))) {
    const h = m[1] === "last" ? 2 : ORD[m[1]!]!;
    return monthEnd(year(m[2]!), h * 6, "half");
  }
  // mid-2026: the end of the first half
  if ((m = /^(?:mid[- ]?|(?:the )?middle of )(\d{4})$/.exec(s))) return monthEnd(year(m[1]!), 6, "half");
  // Early 1998, late 1998, beginning of 1998, spring 1998
  if ((m = /^(early|late|(?:the )?beginning of)[- ]?(\d{4})$/.exec(s))) {
    const key = m[1]!.startsWith("early") ? "early" : m[1] === "late" ? "late" : "beginning";
    const [mo, d] = VAGUE.year[key];
    const y = year(m[2]!);
    return y === null ? null : { precision: "period", dueDate: civil(y, mo, d) };
  }
  if ((m = /^(spring|summer|autumn|fall) (?:of )?(\d{4})$/.exec(s))) {
    const [mo, d] = VAGUE.season[m[1] as keyof typeof VAGUE.season];
    const y = year(m[2]!);
    return y === null ? null : { precision: "period", dueDate: civil(y, mo, d) };
  }
  // 1997, during 1997, in 1997, end 1997, end-1997, year-end 1997
  if ((m = /^(?:during |in |throughout |year[- ]end |(?:the )?end[- ](?:of )?(?:the year )?)?(\d{4})$/.exec(s))) return monthEnd(year(m[1]!), 12, "year");
  // the Polish Presidency, the Presidency of Poland, the Irish Presidency (2026)
  if ((m = /^(?:the )?(?:(?:end|close) of (?:the )?)?([a-z][a-z ]*?) presidency(?: (?:of |in )?\(?(\d{4})\)?)?$/.exec(s)) ||
      (m = /^(?:the )?(?:(?:end|close) of (?:the )?)?presidency of ([a-z][a-z ]*?)(?: (?:of |in )?\(?(\d{4})\)?)?$/.exec(s))) {
    const { terms, period } = reading;
    const country = countryFromWord(m[1]!.replace(/^the /, ""), terms);
    if (!country) return null;
    const y = m[2] ? year(m[2]) : undefined;
    if (y === null) return null;
    const named = `the ${adjectiveOf(country)} Presidency`;
    if (y !== undefined) {
      const term = terms.find((t) => t.country === country && t.start.startsWith(String(y)));
      if (!term) throw new Unplaced(`the presidency list (${listYears(terms)}) has no ${adjectiveOf(country)} Presidency in ${y}; write the date instead`);
      return { precision: "period", dueDate: term.end };
    }
    const placed = placeTerm(country, period, terms);
    if (!placed.ok) {
      const when = period.from === period.to ? longDate(period.from) : `${longDate(period.from)} – ${longDate(period.to)}`;
      throw new Unplaced(`the presidency list (${listYears(terms)}) cannot place ${named} for ${when}; write the date instead (e.g. ${longDate(period.to)})`);
    }
    return { precision: "period", dueDate: placed.term.end };
  }
  // "end of Q3 2026", "the end of June 1998": the end of a period is its due day anyway.
  if (depth === 0 && (m = /^(?:the )?(?:end|close) (?:of )?(?:the )?(.+)$/.exec(s))) {
    const inner = core(m[1]!, reading, 1);
    if (inner && inner.precision !== "day") return inner;
  }
  return null;
}
