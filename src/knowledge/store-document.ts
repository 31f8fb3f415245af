/**
 * Stores a parsed document in one transaction: a new document, or the same slug replaced (its id
 * kept, so plans that implement it stay linked; its passages replaced, so no duplicates).
 */
import type { Db } from "../store/index.ts";
import type { ParsedDocument } from "./parse-document.ts";

/** What an import did. */
export interface StoredDocument {
  id: number;
  slug: string;
  title: string;
  reference: string | null;
  dateText: string | null;
  year: number | null;
  kind: string;
  passages: number;
  replaced: boolean;
  /** labels of the first passages, to show the user what was understood */
  sampleLabels: string[];
}

/** Writes `doc`, replacing a document with the same slug; all or nothing. `now` defaults to the database's clock. */
export async function storeDocument(db: Db, doc: ParsedDocument, now?: Date): Promise<StoredDocument> {
  return db.$transaction(async (tx) => {
    const existing = await tx.strategyDocument.findUnique({ where: { slug: doc.slug } });
    const data = {
      title: doc.title,
      reference: doc.reference,
      dateText: doc.dateText,
      year: doc.year,
      kind: doc.kind,
      sourceName: doc.sourceName,
      sha256: doc.sha256,
      ...(now ? { importedAt: now } : {}),
    };
    const row = existing
      ? await tx.strategyDocument.update({ where: { id: existing.id }, data })
      : await tx.strategyDocument.create({ data: { slug: doc.slug, ...data } });
    if (existing) await tx.passage.deleteMany({ where: { documentId: row.id } });
    await tx.passage.createMany({
      data: doc.passages.map((p, ord) => ({ documentId: row.id, ord, label: p.label, headings: JSON.stringify(p.headings), text: p.text })),
    });
    return {
      id: row.id,
      slug: row.slug,
      title: row.title,
      reference: row.reference,
      dateText: row.dateText,
      year: row.year,
      kind: row.kind,
      passages: doc.passages.length,
      replaced: Boolean(existing),
      sampleLabels: [...new Set(doc.passages.map((p) => p.label))].slice(0, 8),
    };
  });
}
