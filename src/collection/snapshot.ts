/**
 * Everything one collection needs for status, chasing and compiling, loaded in two queries: the
 * collection with its plan, working party, asked actions (and their objectives) and current
 * reports, and the working party's members (to name leads and reach them).
 */
import type { Action, ActionObjective, ActionPlan, Collection, Member, ProgressReport, Repositories, WorkingParty } from "../store/index.ts";
import { NotFoundError } from "../core/errors.ts";

/** An asked action with the strategy objectives it implements. */
export type AskedAction = Action & { objectives: ActionObjective[] };

/** One collection, loaded. */
export interface CollectionSnapshot {
  collection: Collection;
  plan: ActionPlan;
  workingParty: WorkingParty;
  /** in plan order */
  actions: AskedAction[];
  /** current report per action id */
  reports: Map<number, ProgressReport>;
  members: Member[];
}

/** Loads a collection by id, or throws NotFoundError. */
export async function loadSnapshot(repos: Pick<Repositories, "collections" | "members">, collectionId: number): Promise<CollectionSnapshot> {
  const c = await repos.collections.loaded(collectionId);
  if (!c) throw new NotFoundError(`There is no collection ${collectionId}. Type collect status to see the current one.`);
  const members = await repos.members.inWorkingParty(c.workingPartyId);
  const { plan, workingParty, items, reports, ...collection } = c;
  const actions = items.map((i) => i.action).sort((a, b) => a.ord - b.ord || a.id - b.id);
  return { collection, plan, workingParty, actions, reports: new Map(reports.map((r) => [r.actionId, r])), members };
}
