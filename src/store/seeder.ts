/** Bundled data a job puts into a new database, once (the jobs define them; src/runtime runs them). */
import type { Db } from "./index.ts";

export interface Seeder {
  /** recorded as "seed:<name>" */
  name: string;
  run(db: Db): Promise<void>;
}
