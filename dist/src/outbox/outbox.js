export class Outbox {
    store;
    /** ids of the deliveries this instance created (a transaction may still roll some back) */
    createdIds = [];
    constructor(store) {
        this.store = store;
    }
    /**
     * Records a delivery unless its key exists; returns true when this call created it. Pass a
     * transaction client to record it together with the change that caused it.
     */
    async enqueue(d, tx = this.store.db) {
        const existing = await tx.delivery.findUnique({ where: { key: d.key }, select: { id: true } });
        if (existing)
            return false;
        try {
            const row = await tx.delivery.create({
                data: {
                    key: d.key,
                    kind: d.kind,
                    platform: d.platform,
                    targetKind: d.to.kind,
                    target: d.to.id,
                    targetRef: d.to.ref ?? null,
                    payload: JSON.stringify(d.replies),
                    dueAt: d.dueAt,
                    nextAttemptAt: d.dueAt,
                    workingPartyId: d.workingPartyId ?? null,
                    late: d.late ?? false,
                    status: d.skipped ? "skipped" : "pending",
                },
                select: { id: true },
            });
            this.createdIds.push(row.id);
            return true;
        }
        catch (e) {
            if (e.code === "P2002")
                return false; // another copy recorded it first
            throw e;
        }
    }
    /** The replies stored with a delivery. */
    static replies(d) {
        return JSON.parse(d.payload);
    }
}
