/**
 * List answers: for "what are the three strategic objectives?", the list the best passages
 * introduce or belong to, each item with its label, the passage that leads it in first.
 */
import { isListQuestion, labelMarkers } from "./question-refs.ts";
import { stem, terms } from "./terms.ts";
import type { Entry, Hit, SearchOutcome } from "./types.ts";

/** How many of the best hits a list question looks through for the list it asks for. */
export const LIST_POOL = 8;
/** What each place down the hits costs a list against one whose lead-in says more of the question. */
const LIST_RANK_COST = 0.75;
/** Stems of the nouns list questions ask for ("the aims", "the tasks"): what the list must be. */
const LIST_NOUNS = new Set(["objectives", "aims", "tasks", "actions", "measures", "areas", "points", "principles", "activities", "recommendations", "steps", "roles", "priorities"].map(stem));

/** For list questions: the outcome with the items of the list it asks for. */
export function withList(byDoc: ReadonlyMap<string, Entry[]>, question: string, outcome: SearchOutcome, pool: Hit[] = outcome.hits): SearchOutcome {
  if (!outcome.answered || !isListQuestion(question)) return outcome;
  // The list whose lead-in names what was asked ("... the following strategic objectives:")
  // wins over a nearer hit that only mentions it.
  const q = new Set(terms(question));
  let best: { hit: Hit; items: Entry[]; s: number } | undefined;
  pool.forEach((hit, rank) => {
    const { items, lead } = listAround(byDoc.get(hit.passage.documentSlug) ?? [], hit.passage as Entry);
    if (items.length < 2) return;
    // the lead-in's last words, or the caption the items share ("Overall aims of this
    // strategy"), say what the list is (the lead-in weighs more: two lists can share a caption)
    const leadTerms = new Set(terms(lead.text.split(/[.;]\s/).at(-1) ?? "").slice(-5));
    const captionTerms = new Set(terms(items[0]!.headings.at(-1) ?? "").filter((t) => !leadTerms.has(t)));
    const names = [...q].some((t) => LIST_NOUNS.has(t) && (leadTerms.has(t) || captionTerms.has(t)));
    const s = [...leadTerms].filter((t) => q.has(t)).length * 2 + [...captionTerms].filter((t) => q.has(t)).length + (names ? 3 : 0) - rank * LIST_RANK_COST;
    if (!best || s > best.s) best = { hit: lead === hit.passage ? hit : { ...hit, passage: lead }, items, s };
  });
  if (!best) return outcome;
  const { hit, items } = best;
  return { ...outcome, listLead: hit, list: items.map((p) => ({ passage: p, document: hit.document, score: hit.score })) };
}

/** The list a passage introduces (its children) or belongs to (its siblings), with the passage that leads it in. */
function listAround(all: Entry[], e: Entry): { items: Entry[]; lead: Entry } {
  const children = (parent: Entry) => {
    const start = all.indexOf(parent);
    const out: Entry[] = [];
    for (let i = start + 1; i < all.length; i++) {
      const c = all[i]!;
      if (c.label === parent.label) {
        if (out.length > 0) break;
        continue;
      }
      if (!c.label.startsWith(parent.label) || c.markers.length <= parent.markers.length) break;
      // an item's label ends with its counter; "II.1 B For the CCWP and the Commission" is a sub-heading
      if (c.markers.length === parent.markers.length + 1 && endsWithCounter(c.label) && !out.some((o) => o.label === c.label)) out.push(c);
    }
    return out;
  };
  const own = children(e);
  if (own.length >= 2) return { items: own, lead: e };
  // an item: its siblings under the same parent
  const at = all.indexOf(e);
  for (let i = at - 1; i >= 0; i--) {
    const p = all[i]!;
    if (p.markers.length === e.markers.length - 1 && e.label.startsWith(p.label)) return { items: children(p), lead: p };
  }
  return { items: [], lead: e };
}

/** How many passages back the parent of a point is looked for. */
const LEAD_IN_REACH = 200;

/**
 * The passage a point sits under, so a point can be found by its context (2.(d) of an action
 * plan under "Strategic objective 1: … IPR"): the nearest earlier passage whose label is an
 * ancestor of the point's, or a lead-in sentence ending with a colon before it under the same
 * label. `before`: the document's earlier passages in order.
 */
export function leadIn(before: readonly Entry[], e: Entry): Entry | undefined {
  // a parent is seldom far back; the bound keeps building a long document's index linear
  for (let i = before.length - 1; i >= Math.max(0, before.length - LEAD_IN_REACH); i--) {
    const p = before[i]!;
    if (p.label === e.label) {
      if (/:\s*$/.test(p.text)) return p;
      continue;
    }
    if (p.markers.length >= e.markers.length) continue;
    return e.label.startsWith(p.label) ? p : undefined;
  }
  return undefined;
}

const endsWithCounter = (label: string) => labelMarkers(label.split(/\s+/).at(-1) ?? "").length > 0;
