/** The seeders of every job, in the order they must run. */
import { corpusSeeder } from "../knowledge/corpus.ts";
import { plan1997Seeder } from "../planning/plan-1997-seeder.ts";
import { workingPartySeeder, type Seeder } from "./seed.ts";

// The corpus comes before the 1997 plan, so the plan's actions link to its TIMETABLE passages.
export const seeders: Seeder[] = [workingPartySeeder, corpusSeeder, plan1997Seeder];
