/**
 * Seeds the 1997 programme as plan 1 of CCWP, built from the document by timetable-1997.ts and
 * stored by the same importer as any plan file.
 */
import { documentFromSource } from "../../store/documents.ts";
import { repositoriesOn } from "../../store/repositories.ts";
import type { Seeder } from "../../store/seeder.ts";
import { importPlan } from "./import-plan.ts";
import { validatePlan } from "./plan-file.ts";
import { readTimetable1997, timetablePlan, TIMETABLE_1997_SLUG } from "./timetable-1997.ts";

/** `Seeder` "plan-1997": runs after "working-party". */
export const plan1997Seeder: Seeder = {
  name: "plan-1997",
  async run(db) {
    const repos = repositoriesOn(db);
    const wp = await repos.workingParties.find("CCWP");
    if (!wp || (await repos.actionPlans.byNumber(wp.id, 1))) return;
    // Link to the corpus document when it is already loaded, whatever slug the knowledge job gave it.
    const doc = await documentFromSource(db, TIMETABLE_1997_SLUG);
    const parsed = validatePlan(timetablePlan(readTimetable1997(), "CCWP", doc?.slug ?? TIMETABLE_1997_SLUG));
    if (!parsed.ok) throw new Error(`the bundled 1997 TIMETABLE does not read as a plan: ${parsed.errors.join("; ")}`);
    await importPlan(db, parsed.plan, { actor: "seed", now: new Date() });
  },
};
