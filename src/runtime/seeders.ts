/** The seeders of every job, in the order they must run. */
import type { Seeder } from "../store/seeder.ts";
import { workingPartySeeder } from "./seed.ts";

/** A seeder whose module is loaded only when it runs: a seeded database never needs it. */
function loadedWhenRun(name: string, load: () => Promise<Seeder>): Seeder {
  return {
    name,
    async run(db) {
      const seeder = await load();
      if (seeder.name !== name) throw new Error(`seeder ${seeder.name} listed as ${name}`);
      await seeder.run(db);
    },
  };
}

// The corpus comes before the 1997 plan, so the plan's actions link to its TIMETABLE passages.
export const seeders: Seeder[] = [
  workingPartySeeder,
  loadedWhenRun("corpus", async () => (await import("../knowledge/corpus.ts")).corpusSeeder),
  loadedWhenRun("plan-1997", async () => (await import("../planning/plan-file/plan-1997-seeder.ts")).plan1997Seeder),
];
