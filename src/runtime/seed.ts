/**
 * Bundled data put into an empty database: the working party CCWP with its console channel, and
 * (from the knowledge and planning jobs) the strategy corpus and the 1997 programme. Each seeder
 * runs once per database, recorded in SystemSetting, so deleting seeded rows later does not bring
 * them back.
 */
import type { SetupStep } from "../store/index.ts";
import { repositoriesOn } from "../store/repositories.ts";
import type { Seeder } from "../store/seeder.ts";

/** The bundled working party: Customs Cooperation Working Party, now LEWP-Customs. */
export const workingPartySeeder: Seeder = {
  name: "working-party",
  async run(db) {
    const repos = repositoriesOn(db);
    if (await repos.workingParties.find("CCWP")) return;
    // loaded here: a seeded database never needs the admin job (see seeders.ts)
    const { createWorkingParty } = await import("../admin/working-party.ts");
    await createWorkingParty(repos, {
      code: "CCWP",
      name: "Law Enforcement Working Party – Customs (formerly Customs Cooperation Working Party)",
      timeZone: "Europe/Brussels",
      planMonths: 18,
      adoptLeadMonths: 2,
      consoleChannel: "#ccwp",
    });
  },
};

/** Runs the seeders that have not yet run on this database, in order. */
export function seedStep(seeders: Seeder[]): SetupStep {
  const keys = seeders.map((s) => `seed:${s.name}`);
  return {
    async needed(db) {
      return (await repositoriesOn(db).settings.count(keys)) < keys.length;
    },
    async run(db) {
      const settings = repositoriesOn(db).settings;
      for (const s of seeders) {
        const key = `seed:${s.name}`;
        if ((await settings.get(key)) !== null) continue;
        await s.run(db);
        await settings.add(key, new Date().toISOString());
      }
    },
  };
}
