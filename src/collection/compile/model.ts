/**
 * The content of a compiled progress report, independent of its format: the cover (working party,
 * plan, period, date), an overview, the reported actions grouped by the strategy objective they
 * implement, and the actions with no report. Built purely from a snapshot and the objectives'
 * passages; the Markdown and .docx writers only lay it out.
 */
import type { Member, Passage, StrategyDocument } from "../../store/index.ts";
import { leadInfo, leadsAction, type ActionLead } from "../../store/plans/leads.ts";
import { longDate } from "../../time/civil-date.ts";
import { civilDay } from "../schedule.ts";
import type { CollectionSnapshot } from "../snapshot.ts";
import { STATUS_LABELS, type ReportStatus } from "../types.ts";
import { safeOptional, safeText } from "./safe-text.ts";

/** One reported action as the document shows it. */
export interface ReportedAction {
  code: string;
  title: string;
  lead: string;
  status: string;
  late: boolean;
  summary: string;
  nextSteps: string | null;
  risks: string | null;
  /** other objectives the action also implements ("IV 2.b") */
  alsoImplements: string[];
  /** "Entered by the secretariat (sam) for DE" when the secretariat, not a lead, entered the report */
  enteredBy: string | null;
}

/** A strategy objective with the reported actions that implement it. */
export interface ObjectiveGroup {
  /** "IV 1.a", or null for actions linked to no objective */
  label: string | null;
  /** the strategy document's title */
  document: string | null;
  /** the objective's own words, as the strategy heads or states it */
  title: string;
  /** the objective's full text when the title shortens it */
  text: string | null;
  /** the headings it stands under in the strategy ("IV Operational objectives › …") */
  context: string | null;
  actions: ReportedAction[];
}

/** The whole report. */
export interface ProgressDocument {
  /** the document number on the cover: the Council's once registered, else the bot's own */
  reference: string;
  /** the classification line ("LIMITE", "PUBLIC") */
  classification: string;
  workingParty: { code: string; name: string };
  plan: { number: number; title: string; period: string };
  /** the day it was compiled, long form */
  date: string;
  dueDate: string;
  closed: boolean;
  reported: number;
  total: number;
  /** actions whose lead the bot asked (a request or a chase was recorded for them) */
  asked: number;
  /** reports the secretariat entered for a lead (received by e-mail, in a meeting) */
  enteredForLeads: number;
  overview: { code: string; title: string; lead: string; status: string }[];
  groups: ObjectiveGroup[];
  unreported: { code: string; title: string; lead: string }[];
}

/** The passage (and its document) behind each "slug|label" an action links to. */
export type ObjectivePassages = Map<string, Passage & { document: Pick<StrategyDocument, "slug" | "title"> }>;

export const objectiveKey = (slug: string, label: string) => `${slug}|${label}`;

/** Who entered each current report: the member of its latest version, and the actor ref. */
export type ReportAuthors = Map<number, { member: Member | null; submittedBy: string }>;

/** What the compile adds to the snapshot: who was asked, who entered what, the cover's lines. */
export interface CompileFacts {
  /** action ids the bot asked for a report (start or chase) */
  asked: ReadonlySet<number>;
  /** by action id */
  authors: ReportAuthors;
  reference: string;
  classification: string;
}

// Clause ends the strategies leave on an objective: "…authorities; and", "…assessments:".
const TRAILING = /(?:\s*[;:,]\s*(?:and|or)?|\s+(?:and|or))\s*$/i;

/** The first sentence or clause, without the punctuation that joined it to the next one. */
const firstSentence = (text: string) => (/^(.+?[.;:])(\s|$)/.exec(text)?.[1] ?? text).replace(TRAILING, "").replace(/\.$/, "");

/** An objective's words for a heading: its first clause, cut at a word when long. */
export function objectiveTitle(text: string, max = 140): string {
  const s = firstSentence(text);
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max / 2)).replace(TRAILING, "").replace(/[,;:]$/, "")}…`;
}

/** The headings an objective stands under, without the document's own title (it is named already). */
const headingTrail = (json: string, documentTitle: string | undefined): string | null => {
  const same = (a: string, b: string) => a.replace(/\W+/g, " ").trim().toLowerCase() === b.replace(/\W+/g, " ").trim().toLowerCase();
  try {
    const h = JSON.parse(json) as unknown;
    const parts = (Array.isArray(h) ? h.filter((x): x is string => typeof x === "string") : [])
      .map((p) => p.trim().replace(/\s*[;:,]$/, ""))
      .filter((p) => p && !/^annex$/i.test(p) && !(documentTitle && same(p, documentTitle)));
    return parts.length ? parts.join(" › ") : null;
  } catch {
    return null;
  }
};

/** "Source: <document>, <label> (<where it stands>)" */
export function sourceLine(g: Pick<ObjectiveGroup, "document" | "label" | "context">): string {
  return `Source: ${[g.document, g.label].filter(Boolean).join(", ")}${g.context ? ` (${g.context})` : ""}`;
}

/** "Entered by the secretariat (sam) for DE" when the report's author is not among the action's leads. */
function enteredBy(action: ActionLead, lead: string, author: { member: Member | null; submittedBy: string } | undefined): string | null {
  if (!author) return null;
  const m = author.member;
  if (m && leadsAction({ member: m, delegation: m.delegation }, action)) return null;
  // only the secretariat may report for another delegation (mayReport), so that is who it was
  return `Entered by the secretariat${m ? ` (${m.displayName})` : ""} for ${lead}`;
}

/** Builds the document model. `now` gives the date on the cover (in the working party's zone). */
export function buildProgressDocument(s: CollectionSnapshot, passages: ObjectivePassages, now: Date, facts: CompileFacts): ProgressDocument {
  const groups = new Map<string, ObjectiveGroup & { order: [string, number] }>();
  const overview: ProgressDocument["overview"] = [];
  const unreported: ProgressDocument["unreported"] = [];
  let reported = 0;
  let enteredForLeads = 0;
  for (const a of s.actions) {
    const lead = leadInfo(a, s.members).label;
    const r = s.reports.get(a.id);
    overview.push({ code: a.code, title: a.title, lead, status: r ? `${STATUS_LABELS[r.status as ReportStatus] ?? r.status}${r.late ? " (late)" : ""}` : "No report" });
    if (!r) {
      unreported.push({ code: a.code, title: a.title, lead });
      continue;
    }
    reported++;
    const objectives = [...a.objectives].sort((x, y) => x.id - y.id);
    const first = objectives[0];
    const key = first ? objectiveKey(first.documentSlug, first.label) : "";
    if (!groups.has(key)) {
      const p = first ? passages.get(key) : undefined;
      groups.set(key, {
        label: first?.label ?? null,
        document: p?.document.title ?? first?.documentSlug ?? null,
        // The passage is the objective itself; its headings name the part of the strategy it sits in.
        title: first ? (p ? objectiveTitle(p.text) : "objective not found in the strategy documents loaded") : "Actions not linked to a strategy objective",
        text: p && objectiveTitle(p.text) !== p.text ? p.text : null,
        context: p ? headingTrail(p.headings, p.document.title) : null,
        actions: [],
        // Objectives in document order; unlinked actions last.
        order: first ? [`0${first.documentSlug}`, p?.ord ?? Number.MAX_SAFE_INTEGER] : ["1", 0],
      });
    }
    groups.get(key)!.actions.push({
      code: a.code,
      title: a.title,
      lead,
      status: STATUS_LABELS[r.status as ReportStatus] ?? r.status,
      late: r.late,
      // what the lead typed goes through safeText, so both the .docx and the Markdown get it
      summary: safeText(r.summary),
      nextSteps: safeOptional(r.nextSteps),
      risks: safeOptional(r.risks),
      alsoImplements: objectives.slice(1).map((o) => o.label),
      enteredBy: enteredBy(a, lead, facts.authors.get(a.id)),
    });
    if (groups.get(key)!.actions.at(-1)!.enteredBy) enteredForLeads++;
  }
  const ordered = [...groups.values()]
    .sort((x, y) => x.order[0].localeCompare(y.order[0]) || x.order[1] - y.order[1] || (x.label ?? "").localeCompare(y.label ?? ""))
    .map(({ order: _order, ...g }) => g);
  return {
    reference: facts.reference,
    classification: facts.classification,
    workingParty: { code: s.workingParty.code, name: s.workingParty.name },
    plan: { number: s.plan.number, title: s.plan.title, period: `${longDate(s.plan.startDate)} – ${longDate(s.plan.endDate)}` },
    date: longDate(civilDay(now, s.workingParty.timeZone)),
    dueDate: longDate(s.collection.dueDate),
    closed: s.collection.status === "closed",
    reported,
    total: s.actions.length,
    asked: s.actions.filter((a) => facts.asked.has(a.id)).length,
    enteredForLeads,
    overview,
    groups: ordered,
    unreported,
  };
}
