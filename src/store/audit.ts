/** The audit log: who changed what, when. Written through the unit of work of the change itself. */
import type { AuditEntry } from "../generated/sqlite/client.ts";
import { parseJsonColumn } from "./json.ts";
import type { DbTx } from "./store.ts";

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

/** An entry as read back, its detail parsed. */
export type AuditRecord = Omit<AuditEntry, "detail"> & { detail: Record<string, unknown> };

export class AuditRepository {
  private readonly db: DbTx;
  constructor(db: DbTx) {
    this.db = db;
  }

  async record(entry: AuditInput): Promise<void> {
    await this.db.auditEntry.create({
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

  /** Entries, the latest recorded first; `action` is a prefix ("plan." for every plan entry), `actor` a part of the actor. */
  async list(filter: { workingPartyId?: number; since?: Date; before?: Date; action?: string; actor?: string; limit?: number } = {}): Promise<AuditRecord[]> {
    const createdAt = { ...(filter.since ? { gte: filter.since } : {}), ...(filter.before ? { lt: filter.before } : {}) };
    const rows = await this.db.auditEntry.findMany({
      where: {
        ...(filter.workingPartyId !== undefined ? { workingPartyId: filter.workingPartyId } : {}),
        ...(filter.action ? { action: { startsWith: filter.action } } : {}),
        ...(filter.actor ? { actor: { contains: filter.actor } } : {}),
        ...(filter.since || filter.before ? { createdAt } : {}),
      },
      orderBy: { id: "desc" },
      ...(filter.limit ? { take: filter.limit } : {}),
    });
    return rows.map((r) => ({ ...r, detail: parseDetail(r.detail) }));
  }
}

function parseDetail(json: string): Record<string, unknown> {
  const v = parseJsonColumn(json, {});
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
