export async function audit(db, entry) {
    await db.auditEntry.create({
        data: {
            workingPartyId: entry.workingPartyId ?? null,
            actor: entry.actor,
            action: entry.action,
            subject: entry.subject ?? null,
            detail: JSON.stringify(entry.detail ?? {}),
            ...(entry.at ? { createdAt: entry.at } : {}),
        },
    });
}
