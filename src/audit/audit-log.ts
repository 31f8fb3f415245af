/** The audit log: who changed what, when. Written in the same transaction as the change. */
import type { DbTx } from "../store/index.ts";

export interface AuditInput {
  workingPartyId?: number | null;
  /** "slack:U0123", "console:alice", "cli" */
  actor: string;
  /** "collection.start", "report.submit", "permission.refused", ... */
  action: string;
  subject?: string;
  detail?: Record<string, unknown>;
  at?: Date;
}

export async function audit(db: DbTx, entry: AuditInput): Promise<void> {
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
