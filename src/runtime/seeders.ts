/** The seeders of every job, in the order they must run. */
import { workingPartySeeder, type Seeder } from "./seed.ts";

export const seeders: Seeder[] = [workingPartySeeder];
