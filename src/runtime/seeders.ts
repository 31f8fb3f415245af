/** The seeders of every job, in the order they must run. */
import { corpusSeeder } from "../knowledge/corpus.ts";
import { workingPartySeeder, type Seeder } from "./seed.ts";

export const seeders: Seeder[] = [workingPartySeeder, corpusSeeder];
