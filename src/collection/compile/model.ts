/**
 * The content of a compiled progress report, independent of its format: the cover (working party,
 * plan, period, date), an overview, the reported actions grouped by the strategy objective they
 * implement, and the actions with no report. Built purely from a snapshot and the objectives'
 * passages; the Markdown and .docx writers only lay it out.
 */
import type { Passage, StrategyDocument } from "../../store/index.ts";
import { leadInfo } from "../leads.ts";
import { longDate } from "../messages.ts";
import { civilDay } from "../schedule.ts";
import type { CollectionSnapshot } from "../snapshot.ts";
import { STATUS_LABELS, type ReportStatus } from "../types.ts";

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
  workingParty: { code: string; name: string };
  plan: { number: number; title: string; period: string };
  /** the day it was compiled, long form */
  date: string;
  dueDate: string;
  closed: boolean;
  reported: number;
  total: number;
  overview: { code: string; title: string; lead: string; status: string }[];
  groups: ObjectiveGroup[];
  unreported: { code: string; title: string; lead: string }[];
}

/** The passage (and its document) behind each "slug|label" an action links to. */
export type ObjectivePassages = Map<string, Passage & { document: Pick<StrategyDocument, "slug" | "title"> }>;

export const objectiveKey = (slug: string, label: string) => `${slug}|${label}`;

const firstSentence = (text: string, max = 140) => {
  const s = /^(.+?[.;:])(\s|$)/.exec(text)?.[1] ?? text;
  return s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s;
};

const headingTrail = (json: string): string | null => {
  try {
    const h = JSON.parse(json) as unknown;
    const parts = Array.isArray(h) ? h.filter((x): x is string => typeof x === "string") : [];
    return parts.length ? parts.join(" › ") : null;
  } catch {
    return null;
  }
};

/** Builds the document model. `now` gives the date on the cover (in the working party's zone). */
export function buildProgressDocument(s: CollectionSnapshot, passages: ObjectivePassages, now: Date): ProgressDocument {
  const groups = new Map<string, ObjectiveGroup & { order: [string, number] }>();
  const overview: ProgressDocument["overview"] = [];
  const unreported: ProgressDocument["unreported"] = [];
  let reported = 0;
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
        title: first ? (p ? firstSentence(p.text) : "objective not found in the strategy documents loaded") : "Actions not linked to a strategy objective",
        text: p && firstSentence(p.text) !== p.text ? p.text : null,
        context: p ? headingTrail(p.headings) : null,
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
      summary: r.summary,
      nextSteps: r.nextSteps,
      risks: r.risks,
      alsoImplements: objectives.slice(1).map((o) => o.label),
    });
  }
  const ordered = [...groups.values()]
    .sort((x, y) => x.order[0].localeCompare(y.order[0]) || x.order[1] - y.order[1] || (x.label ?? "").localeCompare(y.label ?? ""))
    .map(({ order: _order, ...g }) => g);
  return {
    workingParty: { code: s.workingParty.code, name: s.workingParty.name },
    plan: { number: s.plan.number, title: s.plan.title, period: `${longDate(s.plan.startDate)} – ${longDate(s.plan.endDate)}` },
    date: longDate(civilDay(now, s.workingParty.timeZone)),
    dueDate: longDate(s.collection.dueDate),
    closed: s.collection.status === "closed",
    reported,
    total: s.actions.length,
    overview,
    groups: ordered,
    unreported,
  };
}
