import { NotFoundError } from "../bot/errors.js";
/** Loads a collection by id, or throws NotFoundError. */
export async function loadSnapshot(db, collectionId) {
    const c = await db.collection.findUnique({
        where: { id: collectionId },
        include: { plan: true, workingParty: true, items: { include: { action: { include: { objectives: true } } } }, reports: true },
    });
    if (!c)
        throw new NotFoundError(`There is no collection ${collectionId}. Type collect status to see the current one.`);
    const members = await db.member.findMany({ where: { workingPartyId: c.workingPartyId }, orderBy: { id: "asc" } });
    const { plan, workingParty, items, reports, ...collection } = c;
    const actions = items.map((i) => i.action).sort((a, b) => a.ord - b.ord || a.id - b.id);
    return { collection, plan, workingParty, actions, reports: new Map(reports.map((r) => [r.actionId, r])), members };
}
