/** The seeders of every job, in the order they must run. */
import { plan1997Seeder } from "../planning/plan-1997-seeder.js";
import { workingPartySeeder } from "./seed.js";
export const seeders = [workingPartySeeder, plan1997Seeder];
