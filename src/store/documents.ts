/**
 * The documents and passages repository: every query on StrategyDocument and Passage. Takes a
 * client or a transaction client, so a command's unit of work can include it. Storing replaces a
 * document with the same slug in one transaction (its id kept, so plans that implement it stay
 * linked; its passages replaced, so no duplicates).
 */
import { AuditRepository, type AuditInput } from "./audit.ts";
import { Prisma, type Db, type DbTx } from "./index.ts";

/** A document ready to store, as the knowledge job's importer makes it. */
export interface NewDocument {
  slug: string;
  title: string;
  reference: string | null;
  dateText: string | null;
  year: number | null;
  kind: string;
  sourceName: string;
  sha256: string;
  passages: { label: string; headings: string[]; text: string }[];
}

/** Passage vectors made by one embeddings model, aligned with `NewDocument.passages`. */
export interface DocumentVectors {
  model: string;
  vectors: Float32Array[];
}

/** What an import did: the document's own facts, as given, and what storing it made of them. */
export interface StoredDocument extends Pick<NewDocument, "slug" | "title" | "reference" | "dateText" | "year" | "kind"> {
  id: number;
  passages: number;
  replaced: boolean;
  /** labels of the first passages, to show the user what was understood */
  sampleLabels: string[];
  /** how many distinct labels the passages have */
  labels: number;
  embeddingModel: string | null;
  /** the working parties that may read it; empty: every working party */
  readers: number[];
}

/** A document row as the index reads it. */
export interface DocumentRow {
  id: number;
  slug: string;
  title: string;
  year: number | null;
  kind: string;
  embeddingModel: string | null;
  /** the working parties that may read it; empty: every working party (src/knowledge/document-access.ts) */
  readers: number[];
}

/** Who may read a document being stored, and a check of the one it replaces, run in the same transaction. */
export interface DocumentReaders {
  /** the working parties that may read it; [] every working party; undefined: a replaced document keeps its own, a new one is shared */
  readers?: number[];
  /** called with the replaced document's readers (null: a new document) before anything is written; throws to refuse */
  check?(existing: number[] | null): void;
}

/** A document as the console lists it. */
export interface DocumentListing {
  slug: string;
  title: string;
  reference: string | null;
  dateText: string | null;
  year: number | null;
  passages: number;
  /** empty: every working party */
  readers: { id: number; code: string }[];
}

/** A passage row as the index reads it. */
export interface PassageRow {
  id: number;
  documentId: number;
  ord: number;
  label: string;
  headings: string[];
  text: string;
  embedding: Float32Array | null;
}

/**
 * A document's passages or vectors are written in one transaction of hundreds of statements
 * (a 100-page PDF has 1,200 passages): Prisma's default of 5 s for an interactive transaction is
 * too short on a busy machine, and a timeout would store nothing, so they get a minute.
 */
const LONG_TRANSACTION = { timeout: 60_000, maxWait: 15_000 };

/** Writes `doc` (and its vectors), replacing a document with the same slug; all or nothing. `now` defaults to the database's clock. */
export async function storeDocument(db: Db, doc: NewDocument, now?: Date, vectors?: DocumentVectors, entry?: AuditInput, access: DocumentReaders = {}): Promise<StoredDocument> {
  return db.$transaction((tx) => new DocumentRepository(tx).store(doc, now, vectors, entry, access), LONG_TRANSACTION);
}

/** The same inside a transaction the caller holds. */
export async function storeDocumentIn(tx: DbTx, doc: NewDocument, now?: Date, vectors?: DocumentVectors, access: DocumentReaders = {}): Promise<StoredDocument> {
  const existing = await tx.strategyDocument.findUnique({ where: { slug: doc.slug }, include: { access: { select: { workingPartyId: true } } } });
  access.check?.(existing ? existing.access.map((a) => a.workingPartyId) : null);
  const data = {
    title: doc.title,
    reference: doc.reference,
    dateText: doc.dateText,
    year: doc.year,
    kind: doc.kind,
    sourceName: doc.sourceName,
    sha256: doc.sha256,
    embeddingModel: vectors?.model ?? null,
    ...(now ? { importedAt: now } : {}),
  };
  const row = existing ? await tx.strategyDocument.update({ where: { id: existing.id }, data }) : await tx.strategyDocument.create({ data: { slug: doc.slug, ...data } });
  if (existing) await tx.passage.deleteMany({ where: { documentId: row.id } });
  // Readers are written with the passages, so a document is never readable by more than it should be, not even for a moment.
  if (access.readers) {
    if (existing) await tx.documentAccess.deleteMany({ where: { documentId: row.id } });
    for (const workingPartyId of new Set(access.readers)) await tx.documentAccess.create({ data: { documentId: row.id, workingPartyId } });
  }
  const readers = access.readers ? [...new Set(access.readers)] : (existing?.access.map((a) => a.workingPartyId) ?? []);
  // One multi-row INSERT per 200 passages: createMany costs a round trip per row through the
  // driver adapter, which made seeding a new database take seconds.
  for (let from = 0; from < doc.passages.length; from += 200) {
    const values = doc.passages.slice(from, from + 200).map((p, i) => {
      const v = vectors?.vectors[from + i];
      return Prisma.sql`(${row.id}, ${from + i}, ${p.label}, ${JSON.stringify(p.headings)}, ${p.text}, ${v ? vectorBytes(v) : null})`;
    });
    await tx.$executeRaw`INSERT INTO "Passage" ("documentId", "ord", "label", "headings", "text", "embedding") VALUES ${Prisma.join(values)}`;
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
    labels: new Set(doc.passages.map((p) => p.label)).size,
    embeddingModel: row.embeddingModel,
    readers: readers.sort((a, b) => a - b),
  };
}

/** A stamp that changes whenever a document is added, replaced or removed, or its readers change (two cheap queries). */
export async function documentsStamp(db: DbTx): Promise<string> {
  const [agg, access] = await Promise.all([
    db.strategyDocument.aggregate({ _count: { _all: true }, _max: { importedAt: true, id: true } }),
    db.documentAccess.aggregate({ _count: { _all: true }, _max: { id: true } }),
  ]);
  return `${agg._count._all}:${agg._max.id ?? 0}:${agg._max.importedAt?.getTime() ?? 0}:${access._count._all}:${access._max.id ?? 0}`;
}

/** Every document and passage, for building the index. */
export async function loadIndexRows(db: DbTx): Promise<{ documents: DocumentRow[]; passages: PassageRow[] }> {
  const docs = await db.strategyDocument.findMany({ select: { id: true, slug: true, title: true, year: true, kind: true, embeddingModel: true, access: { select: { workingPartyId: true } } } });
  const documents = docs.map(({ access, ...d }) => ({ ...d, readers: access.map((a) => a.workingPartyId) }));
  const rows = await db.passage.findMany({ select: { id: true, documentId: true, ord: true, label: true, headings: true, text: true, embedding: true } });
  return { documents, passages: rows.map((r) => ({ ...r, headings: parseHeadings(r.headings), embedding: r.embedding ? bytesVector(r.embedding) : null })) };
}

/** Stores vectors for a document's passages (a model configured after import, or a new model). */
export async function saveVectors(db: Db, documentId: number, model: string, vectors: Map<number, Float32Array>): Promise<void> {
  await db.$transaction((tx) => saveVectorsIn(tx, documentId, model, vectors), LONG_TRANSACTION);
}

async function saveVectorsIn(tx: DbTx, documentId: number, model: string, vectors: Map<number, Float32Array>): Promise<void> {
  for (const [id, v] of vectors) await tx.passage.update({ where: { id }, data: { embedding: vectorBytes(v) } });
  await tx.strategyDocument.update({ where: { id: documentId }, data: { embeddingModel: model } });
}

/** Every document with its passage count and readers, oldest first (the console's list). */
export async function listDocuments(db: DbTx): Promise<DocumentListing[]> {
  const rows = await db.strategyDocument.findMany({
    orderBy: [{ year: "asc" }, { slug: "asc" }],
    select: { slug: true, title: true, reference: true, dateText: true, year: true, _count: { select: { passages: true } }, access: { select: { workingParty: { select: { id: true, code: true } } } } },
  });
  return rows.map(({ _count, access, ...d }) => ({ ...d, passages: _count.passages, readers: access.map((a) => a.workingParty).sort((a, b) => a.code.localeCompare(b.code)) }));
}

/** One document with its passages in order (at most 2,000) and its readers, or null. */
export async function documentPage(db: DbTx, slug: string) {
  const doc = await db.strategyDocument.findUnique({
    where: { slug },
    include: { passages: { orderBy: { ord: "asc" }, take: 2000 }, access: { select: { workingParty: { select: { id: true, code: true } } } } },
  });
  if (!doc) return null;
  const { access, ...rest } = doc;
  return { ...rest, readers: access.map((a) => a.workingParty) };
}

/** A document's id and readers by name, or null. */
export async function documentReaders(db: DbTx, slug: string): Promise<{ id: number; readers: number[] } | null> {
  const doc = await db.strategyDocument.findUnique({ where: { slug }, select: { id: true, access: { select: { workingPartyId: true } } } });
  return doc ? { id: doc.id, readers: doc.access.map((a) => a.workingPartyId) } : null;
}

/** Whether a document with this slug exists. */
export async function documentExists(db: DbTx, slug: string): Promise<boolean> {
  return (await db.strategyDocument.findUnique({ where: { slug }, select: { id: true } })) !== null;
}

/** float32 little-endian, as stored. */
export function vectorBytes(v: Float32Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(v.length * 4);
  const view = new DataView(out.buffer);
  v.forEach((x, i) => view.setFloat32(i * 4, x, true));
  return out;
}

/** The stored bytes as a vector. */
export function bytesVector(b: Uint8Array): Float32Array {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out = new Float32Array(Math.floor(b.byteLength / 4));
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

function parseHeadings(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

/** The passages of documents `slugs` labelled with one of `labels`, in document order, each with its document's slug and title. */
export function passagesLabelled(db: DbTx, slugs: readonly string[], labels: readonly string[]) {
  return db.passage.findMany({
    where: { document: { slug: { in: [...slugs] } }, label: { in: [...labels] } },
    include: { document: { select: { slug: true, title: true } } },
    orderBy: { ord: "asc" },
  });
}

/** The first document whose source file name contains `part`, or null (a bundled document, whatever slug it was given). */
export function documentFromSource(db: DbTx, part: string) {
  return db.strategyDocument.findFirst({ where: { sourceName: { contains: part } } });
}

/**
 * The reads of documents as a repository, for code outside src/store that is handed repositories
 * (the console, plan checks, compiling). The queries stay the functions above, written once.
 */
export class DocumentRepository {
  private readonly db: DbTx;
  constructor(db: DbTx) {
    this.db = db;
  }

  list(): Promise<DocumentListing[]> {
    return listDocuments(this.db);
  }

  page(slug: string): ReturnType<typeof documentPage> {
    return documentPage(this.db, slug);
  }

  readers(slug: string): ReturnType<typeof documentReaders> {
    return documentReaders(this.db, slug);
  }

  passagesLabelled(slugs: readonly string[], labels: readonly string[]): ReturnType<typeof passagesLabelled> {
    return passagesLabelled(this.db, slugs, labels);
  }

  /** Changes whenever a document is added, replaced or removed, or its readers change. */
  stamp(): Promise<string> {
    return documentsStamp(this.db);
  }

  /** Every document and passage, for building the index. */
  indexRows(): ReturnType<typeof loadIndexRows> {
    return loadIndexRows(this.db);
  }

  /** Writes `doc` as storeDocumentIn does, with its audit entry; inside a unit of work, so both commit together or not at all. */
  async store(doc: NewDocument, now?: Date, vectors?: DocumentVectors, entry?: AuditInput, access: DocumentReaders = {}): Promise<StoredDocument> {
    const stored = await storeDocumentIn(this.db, doc, now, vectors, access);
    if (entry) await new AuditRepository(this.db).record({ ...entry, detail: { ...entry.detail, passages: stored.passages, replaced: stored.replaced, readers: stored.readers } });
    return stored;
  }

  /** Vectors for a document's passages (a model configured after import, or a new model); inside a unit of work. */
  saveVectors(documentId: number, model: string, vectors: Map<number, Float32Array>): Promise<void> {
    return saveVectorsIn(this.db, documentId, model, vectors);
  }
}
