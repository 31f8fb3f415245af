/**
 * Bundled data put into an empty database: the working party CCWP with its console channel, and
 * (from the knowledge and planning jobs) the strategy corpus and the 1997 programme. Each seeder
 * runs once per database, recorded in SystemSetting, so deleting seeded rows later does not bring
 * them back.
 */
import type { SetupStep } from "../store/index.ts";
import type { Seeder } from "../store/seeder.ts";

/** The bundled working party: Customs Cooperation Working Party, now LEWP-Customs. */
export const workingPartySeeder: Seeder = {
  name: "working-party",
  async run(db) {
    if (await db.workingParty.findUnique({ where: { code: "CCWP" } })) return;
    // loaded here: a seeded database never needs the admin job (see seeders.ts)
    const { createWorkingParty } = await import("../admin/working-party.ts");
    const { repositoriesOn } = await import("../store/repositories.ts");
    await createWorkingParty(repositoriesOn(db), {
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
      const done = await db.systemSetting.count({ where: { key: { in: keys } } });
      return done < keys.length;
    },
    async run(db) {
      for (const s of seeders) {
        const key = `seed:${s.name}`;
        if (await db.systemSetting.findUnique({ where: { key } })) continue;
        await s.run(db);
        await db.systemSetting.upsert({ where: { key }, create: { key, value: new Date().toISOString() }, update: {} });
      }
    },
  };
}
