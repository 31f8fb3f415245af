import { createWorkingParty } from "../admin/working-party.js";
/** The bundled working party: Customs Cooperation Working Party, now LEWP-Customs. */
export const workingPartySeeder = {
    name: "working-party",
    async run(db) {
        if (await db.workingParty.findUnique({ where: { code: "CCWP" } }))
            return;
        await createWorkingParty(db, {
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
export function seedStep(seeders) {
    const keys = seeders.map((s) => `seed:${s.name}`);
    return {
        async needed(db) {
            const done = await db.systemSetting.count({ where: { key: { in: keys } } });
            return done < keys.length;
        },
        async run(db) {
            for (const s of seeders) {
                const key = `seed:${s.name}`;
                if (await db.systemSetting.findUnique({ where: { key } }))
                    continue;
                await s.run(db);
                await db.systemSetting.upsert({ where: { key }, create: { key, value: new Date().toISOString() }, update: {} });
            }
        },
    };
}
