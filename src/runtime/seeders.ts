/** The seeders of every job, in the order they must run. */
import { plan1997Seeder } from "../planning/plan-1997-seeder.ts";
import { workingPartySeeder, type Seeder } from "./seed.ts";

export const seeders: Seeder[] = [workingPartySeeder, plan1997Seeder];
