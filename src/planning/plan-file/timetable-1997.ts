/**
 * The 1997 strategic action programme's TIMETABLE (data/corpus/1997-...txt) read into a plan file
 * by code, not typed by hand: numbered actions under their section headings, the Deadlines column,
 * and the plan's dates from the text ("i.e. July 1997 to December 1998"). The export mixes tabs,
 * HTML table markup and bold tags; all of it is stripped here.
 */
import { projectPath } from "../../config/paths.ts";
import fs from "node:fs";
import { civil, daysInMonth } from "../../time/civil-date.ts";
import type { PlanFileInput } from "./plan-file.ts";

/** The bundled document. */
export const TIMETABLE_1997_FILE = projectPath("data", "corpus", "1997-strategic-action-programme-customs.txt");
/** The slug its objectives are filed under when the corpus has not loaded the document (the file's stem). */
export const TIMETABLE_1997_SLUG = "1997-strategic-action-programme-customs";

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/** Markup of the export to plain text: tags out, entities decoded, spaces collapsed. */
export function stripMarkup(s: string): string {
  return s
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\*\*/g, "")
    .replace(/[ \u00a0]+/g, " ")
    .trim();
}

/** One row of the TIMETABLE. */
export interface TimetableRow {
  code: string;
  section: string;
  text: string;
  deadline?: string;
}

/** The rows of the TIMETABLE section of the document text. */
export function timetableRows(doc: string): TimetableRow[] {
  const lines = doc.split(/\r?\n/);
  const start = lines.findIndex((l) => stripMarkup(l) === "TIMETABLE");
  if (start < 0) throw new Error("the document has no TIMETABLE heading");
  const rows: TimetableRow[] = [];
  let section = "";
  for (const raw of lines.slice(start + 1)) {
    if (/^\s*-\s*\([ivx]+\)/.test(raw)) continue; // the preamble's (i)–(iii)
    const [leftRaw = "", ...rest] = raw.split("\t");
    const left = stripMarkup(leftRaw);
    const right = stripMarkup(rest.join(" "));
    if (!left) continue;
    const action = /^(\d{1,3})\.\s+(.+)$/.exec(left);
    if (action) {
      rows.push({ code: action[1]!, section, text: action[2]!, ...(right ? { deadline: right } : {}) });
    } else if (left === left.toUpperCase() && /[A-Z]{3}/.test(left)) {
      section = left; // a heading row; its right cell is the column title "Deadlines"
    }
  }
  return rows;
}

/** The plan's months from "i.e. July 1997 to December 1998". */
export function timetablePeriod(doc: string): { start: string; end: string } {
  const m = /i\.e\.\s+([A-Za-z]+)\s+(\d{4})\s+to\s+([A-Za-z]+)\s+(\d{4})/.exec(doc);
  if (!m) throw new Error("the TIMETABLE does not state its period (i.e. MONTH YEAR to MONTH YEAR)");
  const m1 = MONTHS.indexOf(m[1]!.toLowerCase()) + 1;
  const m2 = MONTHS.indexOf(m[3]!.toLowerCase()) + 1;
  const y2 = Number(m[4]);
  return { start: civil(Number(m[2]), m1, 1), end: civil(y2, m2, daysInMonth(y2, m2)) };
}

/** The first sentence of an action as its title (the whole text stays as its goals). */
function titleOf(text: string): string {
  const first = /^(.+?[.])(\s|$)/.exec(text)?.[1] ?? text;
  return first.length > 240 ? `${first.slice(0, 239)}…` : first;
}

/** The TIMETABLE as a plan file for working party `workingParty`, number 1. */
export function timetablePlan(doc: string, workingParty = "CCWP", strategySlug = TIMETABLE_1997_SLUG): PlanFileInput {
  const period = timetablePeriod(doc);
  return {
    workingParty,
    number: 1,
    title: "Strategic action programme: timetable July 1997 – December 1998",
    start: period.start,
    end: period.end,
    strategy: strategySlug,
    actions: timetableRows(doc).map((r) => ({
      code: r.code,
      title: titleOf(r.text),
      section: r.section ? sectionTitle(r.section) : undefined,
      terms: { goals: r.text },
      objectives: [`TIMETABLE ${r.code}`],
      ...(r.deadline ? { deadlines: [{ due: r.deadline }] } : {}),
    })),
  };
}

/** "RISK ANALYSIS – GUIDELINES" → "Risk analysis – guidelines" (headings are shouted in the export). */
function sectionTitle(s: string): string {
  const lower = s.toLowerCase();
  return lower
    .replace(/^./, (c) => c.toUpperCase())
    .replace(/\b(cis|mou|eu|wco)\b/g, (w) => w.toUpperCase());
}

/** Reads the bundled document. */
export function readTimetable1997(): string {
  return fs.readFileSync(TIMETABLE_1997_FILE, "utf8");
}
