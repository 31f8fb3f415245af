/** The seeders of every job, in the order they must run. */
import { corpusSeeder } from "../knowledge/corpus.js";
import { plan1997Seeder } from "../planning/plan-1997-seeder.js";
import { workingPartySeeder } from "./seed.js";
// The corpus comes before the 1997 plan, so the plan's actions link to its TIMETABLE passages.
export const seeders = [workingPartySeeder, corpusSeeder, plan1997Seeder];
