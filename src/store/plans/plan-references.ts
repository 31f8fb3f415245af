/**
 * What a plan file refers to, as stored: its working party, the strategy document it implements
 * with that document's passage labels (what `objectives:` may name). Read once before an import or
 * a preview (src/planning/plan-file/plan-check.ts), which lists the documents the working party may read
 * when the strategy is not one of them. Reached through ActionPlanRepository.references.
 */
import type { StrategyDocument, WorkingParty } from "../../generated/sqlite/browser.ts";
import type { DbTx } from "../store.ts";

/** The stored things a plan file names. */
export interface PlanReferences {
  wp: WorkingParty | null;
  strategy: StrategyDocument | null;
  /** the strategy's passage labels in document order (a label may repeat) */
  labels: string[];
}

/** Reads what a plan for working party `code` implementing `strategySlug` refers to. */
export async function planReferences(db: DbTx, code: string, strategySlug?: string): Promise<PlanReferences> {
  const wp = await db.workingParty.findUnique({ where: { code } });
  const strategy = strategySlug ? await db.strategyDocument.findUnique({ where: { slug: strategySlug } }) : null;
  const labels = strategy ? (await db.passage.findMany({ where: { documentId: strategy.id }, select: { label: true }, orderBy: { ord: "asc" } })).map((p) => p.label) : [];
  return { wp, strategy, labels };
}
