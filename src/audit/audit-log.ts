/**
 * The audit log for callers not yet on the unit of work: writes through the store's one audit
 * repository, in whatever transaction `db` is. New code uses `uow.audit` instead.
 */
import { AuditRepository, type AuditInput } from "../store/audit.ts";
import type { DbTx } from "../store/index.ts";

export type { AuditInput } from "../store/audit.ts";

/** Records one entry in the transaction the change runs in. */
export async function audit(db: DbTx, entry: AuditInput): Promise<void> {
  await new AuditRepository(db).record(entry);
}
