/**
 * Where a collection stands: how many of the asked actions have reported, who is missing (and
 * overdue once the due day has passed), and whose reports came in late. Pure over a snapshot.
 */
import { reply, type Block, type Reply } from "../core/reply.ts";
import { leadInfo } from "../store/plans/leads.ts";
import { longDate } from "../time/civil-date.ts";
import { civilDay } from "./schedule.ts";
import type { CollectionSnapshot } from "./snapshot.ts";
import { STATUS_LABELS, type ReportStatus } from "./types.ts";

/** The status of one collection, as chat, the CLI (--json) and tests see it. */
export interface CollectionStatus {
  collectionId: number;
  workingParty: string;
  plan: { number: number; title: string };
  dueDate: string;
  state: "open" | "closed";
  reported: number;
  total: number;
  /** the due day has passed in the working party's time zone */
  pastDue: boolean;
  missing: { action: string; title: string; lead: string; overdue: boolean }[];
  late: { action: string; title: string; lead: string; submittedAt: string }[];
  reports: { action: string; status: ReportStatus; version: number; late: boolean; submittedAt: string }[];
}

/** Counts and lists for a loaded collection at `now`. */
export function collectionStatus(s: CollectionSnapshot, now: Date): CollectionStatus {
  const pastDue = civilDay(now, s.workingParty.timeZone) > s.collection.dueDate;
  const out: CollectionStatus = {
    collectionId: s.collection.id,
    workingParty: s.workingParty.code,
    plan: { number: s.plan.number, title: s.plan.title },
    dueDate: s.collection.dueDate,
    state: s.collection.status === "closed" ? "closed" : "open",
    reported: 0,
    total: s.actions.length,
    pastDue,
    missing: [],
    late: [],
    reports: [],
  };
  for (const a of s.actions) {
    const r = s.reports.get(a.id);
    const lead = leadInfo(a, s.members).label;
    if (!r) {
      out.missing.push({ action: a.code, title: a.title, lead, overdue: pastDue });
      continue;
    }
    out.reported++;
    out.reports.push({ action: a.code, status: r.status as ReportStatus, version: r.version, late: r.late, submittedAt: r.submittedAt.toISOString() });
    if (r.late) out.late.push({ action: a.code, title: a.title, lead, submittedAt: r.submittedAt.toISOString() });
  }
  return out;
}

/** "1 of 2 actions reported". */
export function countLine(st: Pick<CollectionStatus, "reported" | "total">): string {
  return `${st.reported} of ${st.total} action${st.total === 1 ? "" : "s"} reported`;
}

const listLines = (lines: string[], max = 25) =>
  lines.length <= max ? lines.join("\n") : `${lines.slice(0, max).join("\n")}\n… and ${lines.length - max} more: collect compile lists them all`;

/** The status as reply blocks: a section with the counts, then who is missing and who is late. */
export function statusReply(st: CollectionStatus): Reply {
  const headline = `Plan ${st.plan.number}: ${countLine(st)}`;
  const blocks: Block[] = [
    {
      type: "section",
      title: `Progress reports — ${st.workingParty} plan ${st.plan.number}: ${st.plan.title}`,
      fields: [
        { label: "Reported", value: countLine(st) },
        { label: "Due", value: `${longDate(st.dueDate)}${st.pastDue ? " (passed)" : ""}` },
        { label: "Collection", value: st.state === "open" ? "open" : "closed" },
      ],
    },
  ];
  if (st.missing.length > 0) {
    blocks.push({
      type: "section",
      title: st.pastDue ? `Missing (${st.missing.length}, overdue)` : `Missing (${st.missing.length})`,
      text: listLines(st.missing.map((m) => `${m.action} ${m.title} — ${m.lead}`)),
    });
  } else {
    blocks.push({ type: "text", text: "Every action has reported." });
  }
  if (st.late.length > 0) {
    blocks.push({
      type: "section",
      title: `Late (${st.late.length})`,
      text: listLines(st.late.map((l) => `${l.action} ${l.title} — ${l.lead}, reported ${l.submittedAt.slice(0, 10)}`)),
    });
  }
  if (st.reports.length > 0) {
    const by = new Map<string, number>();
    for (const r of st.reports) by.set(STATUS_LABELS[r.status], (by.get(STATUS_LABELS[r.status]) ?? 0) + 1);
    blocks.push({ type: "fields", fields: [...by].map(([label, n]) => ({ label, value: String(n) })) });
  }
  return reply(headline, blocks);
}

/** The status as CLI text. */
export function statusText(st: CollectionStatus): string {
  const lines = [`${st.workingParty} plan ${st.plan.number} (${st.plan.title}): ${countLine(st)}; due ${st.dueDate}; ${st.state}`];
  if (st.missing.length) lines.push(`Missing${st.pastDue ? " (overdue)" : ""}:`, ...st.missing.map((m) => `  ${m.action}  ${m.title} — ${m.lead}`));
  if (st.late.length) lines.push("Late:", ...st.late.map((l) => `  ${l.action}  ${l.title} — ${l.lead}, reported ${l.submittedAt.slice(0, 10)}`));
  return lines.join("\n");
}
