/**
 * Stores a parsed document in one transaction: a new document, or the same slug replaced (its id
 * kept, so plans that implement it stay linked; its passages replaced, so no duplicates).
 */
import { Prisma, type Db } from "../store/index.ts";
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
    // One multi-row INSERT per 200 passages: createMany costs a round trip per row through the
    // driver adapter, which made seeding a new database take seconds.
    for (let from = 0; from < doc.passages.length; from += 200) {
      const values = doc.passages.slice(from, from + 200).map((p, i) => Prisma.sql`(${row.id}, ${from + i}, ${p.label}, ${JSON.stringify(p.headings)}, ${p.text})`);
      await tx.$executeRaw`INSERT INTO "Passage" ("documentId", "ord", "label", "headings", "text") VALUES ${Prisma.join(values)}`;
    }
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
