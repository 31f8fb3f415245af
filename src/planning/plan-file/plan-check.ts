/**
 * What a plan file means once it meets the store: the working party's period for the plan, the
 * day of every deadline, and the warnings for what is readable but probably a mistake (issue 14,
 * item 5): an objective label the plan's strategy does not have, a strategy that is not loaded,
 * a deadline before the plan starts or more than a year after it ends. The importer and the web
 * console's preview both read a file through here, so the days and warnings shown are the ones
 * stored; `--strict` refuses a file with any warning.
 */
import { InputError, NotFoundError } from "../../core/errors.ts";
import { readableDocumentRow, readableDocuments } from "../../knowledge/document-access.ts";
import type { Repositories, StrategyDocument, WorkingParty } from "../../store/index.ts";
import { longDate } from "../../time/civil-date.ts";
import { adoptByFromEnd, computeCycle } from "../cycle/cycle.ts";
import { parseDeadlinePhrase } from "../phrases/deadline-phrase.ts";
import { labelKey } from "./objective-label.ts";
import { pathText, type PlanFile, type PlanLocator } from "./plan-file.ts";

/** A deadline as it will be stored. */
export interface ReadDeadline {
  text: string;
  precision: string;
  dueDate: string;
}

/** A plan file read against the store. */
export interface PlanCheck {
  wp: WorkingParty;
  end: string;
  adoptNextBy: string;
  strategy: StrategyDocument | null;
  /** per action, per deadline, in file order */
  deadlines: ReadDeadline[][];
  /** "line 12, actions[0].deadlines[0].due: …", one per finding, in file order */
  warnings: string[];
}

/**
 * A deadline this long after the plan's end is taken for a typing slip (2031 for 2028): a final
 * report may fall due some months after the plan, not years.
 */
export const LATE_AFTER_END_YEARS = 1;

/**
 * Reads `plan` against the store. Throws NotFoundError for an unknown working party and
 * InputError for what cannot be stored at all (an adopt-by after the end, an unreadable phrase).
 */
export async function checkPlan(repos: Pick<Repositories, "actionPlans" | "documents">, plan: PlanFile, where: PlanLocator = pathText): Promise<PlanCheck> {
  const refs = await repos.actionPlans.references(plan.workingParty, plan.strategy);
  const { wp } = refs;
  if (!wp) throw new NotFoundError(`workingParty: there is no working party ${plan.workingParty}; nothing was imported.`);
  // Another working party's own document reads as missing (src/knowledge/document-access.ts):
  // its labels are not compared nor suggested, and the plan is not linked to it.
  const strategy = refs.strategy && (await readableDocumentRow(repos, wp.id, refs.strategy.slug)) ? refs.strategy : null;
  const rule = computeCycle({ start: plan.start, months: wp.planMonths, adoptLeadMonths: wp.adoptLeadMonths, timeZone: wp.timeZone });
  const end = plan.end ?? rule.end;
  const adoptNextBy = plan.adoptNextBy ?? (plan.end ? adoptByFromEnd(plan.end, wp.adoptLeadMonths, wp.timeZone) : rule.adoptNextBy);
  if (adoptNextBy > end) throw new InputError(`adoptNextBy (${adoptNextBy}) is after the plan's end (${end}); nothing was imported.`);

  const warnings: string[] = [];
  const warn = (path: PropertyKey[], message: string) => warnings.push(`${where(path)}: ${message}`);
  if (plan.strategy && !strategy) {
    const documents = (await readableDocuments(repos, wp.id)).map((d) => d.slug);
    warn(["strategy"], `there is no strategy document "${plan.strategy}", so no objective links to a passage; the documents are ${documents.join(", ") || "none yet"}`);
  }
  const labels = strategy ? objectiveLabels(refs.labels) : null;

  const late = lateLimit(end);
  const deadlines = plan.actions.map((a, ai) => {
    (a.objectives ?? []).forEach((label, oi) => {
      const path = ["actions", ai, "objectives", oi];
      if (!plan.strategy) warn(path, `objective "${label}" links to nothing: the plan names no strategy (add strategy:, e.g. 2012-strategy)`);
      else if (labels && !labels.exact.has(label)) {
        const near = labels.byKey.get(labelKey(label));
        warn(path, `objective "${label}" is not a label of ${plan.strategy}${near ? `; did you mean "${near}"?` : ""}`);
      }
    });
    return (a.deadlines ?? []).map((d, di) => {
      const path = ["actions", ai, "deadlines", di, "due"];
      const r = parseDeadlinePhrase(d.due, { reference: plan.start, referenceEnd: end });
      if (!r.ok) throw new InputError(`${where(path)}: ${r.error}`);
      if (r.dueDate < plan.start) warn(path, `"${r.text}" falls due on ${longDate(r.dueDate)}, before the plan starts (${longDate(plan.start)})`);
      else if (r.dueDate > late) warn(path, `"${r.text}" falls due on ${longDate(r.dueDate)}, more than ${LATE_AFTER_END_YEARS === 1 ? "a year" : `${LATE_AFTER_END_YEARS} years`} after the plan ends (${longDate(end)})`);
      return { text: r.text, precision: r.precision, dueDate: r.dueDate };
    });
  });
  return { wp, end, adoptNextBy, strategy, deadlines, warnings };
}

/** The last day a deadline may fall on without a warning: the end, LATE_AFTER_END_YEARS on. */
function lateLimit(end: string): string {
  // Compared as text, so 29 February needs no correction ("2029-02-29" sorts where it should).
  return `${Number(end.slice(0, 4)) + LATE_AFTER_END_YEARS}${end.slice(4)}`;
}

/** A document's labels, exactly and by their comparison key (the first label with a key wins). */
function objectiveLabels(labels: string[]) {
  const byKey = new Map<string, string>();
  for (const label of labels) if (!byKey.has(labelKey(label))) byKey.set(labelKey(label), label);
  return { exact: new Set(labels), byKey };
}
