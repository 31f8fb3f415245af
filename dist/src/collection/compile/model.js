import { leadInfo } from "../leads.js";
import { longDate } from "../messages.js";
import { civilDay } from "../schedule.js";
import { STATUS_LABELS } from "../types.js";
export const objectiveKey = (slug, label) => `${slug}|${label}`;
const firstSentence = (text, max = 140) => {
    const s = /^(.+?[.;:])(\s|$)/.exec(text)?.[1] ?? text;
    return s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s;
};
const headingTrail = (json) => {
    try {
        const h = JSON.parse(json);
        const parts = Array.isArray(h) ? h.filter((x) => typeof x === "string") : [];
        return parts.length ? parts.join(" › ") : null;
    }
    catch {
        return null;
    }
};
/** Builds the document model. `now` gives the date on the cover (in the working party's zone). */
export function buildProgressDocument(s, passages, now) {
    const groups = new Map();
    const overview = [];
    const unreported = [];
    let reported = 0;
    for (const a of s.actions) {
        const lead = leadInfo(a, s.members).label;
        const r = s.reports.get(a.id);
        overview.push({ code: a.code, title: a.title, lead, status: r ? `${STATUS_LABELS[r.status] ?? r.status}${r.late ? " (late)" : ""}` : "No report" });
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
        groups.get(key).actions.push({
            code: a.code,
            title: a.title,
            lead,
            status: STATUS_LABELS[r.status] ?? r.status,
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
