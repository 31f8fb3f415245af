/**
 * Which strategy documents a working party may read (issue 17: "strategy documents can be shared
 * by several working parties or belong to one"). A document names the working parties that may
 * read it (its DocumentAccess rows); one that names none is shared with every working party, as
 * the bundled corpus is. This is the one rule: the knowledge base builds each working party's
 * index from the documents it allows (chat, `secretariat ask --wp`), and the web console's
 * document pages list and open only those.
 */
import { InputError } from "../core/errors.ts";
import { documentPage, documentReaders, listDocuments, type DocumentListing } from "../store/documents.ts";
import type { DbTx } from "../store/index.ts";

/** The ids of the working parties a document names; empty: shared with every working party. */
export type Readers = readonly number[];

/** Who reads: a working party's id, or "every" for the deployment's operator (benchmarks, evaluation). */
export type Reader = number | "every";

/** Whether `reader` may read a document read by `readers`. */
export function mayRead(readers: Readers, reader: Reader): boolean {
  return reader === "every" || readers.length === 0 || readers.includes(reader);
}

/**
 * Refuses an import that would take a document away from a working party: replacing a document
 * the importing working party may not read (another's own, under the same name), or narrowing a
 * document others read to fewer readers. `importer` null is the operator on the server, who may.
 * `wanted` undefined keeps the replaced document's readers.
 */
export function checkReplace(slug: string, existing: Readers | null, wanted: Readers | undefined, importer: number | null): void {
  if (existing === null || importer === null) return;
  // The same words whether the name is another's or not readable: nothing about it is revealed.
  if (!mayRead(existing, importer)) throw new InputError(`The name ${slug} is taken by another working party's document; import it under another name (rename the file, or --slug on the command line). Nothing was imported.`);
  if (wanted === undefined || wanted.length === 0) return;
  const lost = existing.length === 0 || existing.some((id) => !wanted.includes(id));
  if (lost) throw new InputError(`${slug} is also read by other working parties; it stays shared with them. To keep a copy for your working party only, import it under another name. Nothing was imported.`);
}

/** The documents `reader` may read, oldest first, with who reads each (the console's list). */
export async function readableDocuments(db: DbTx, reader: Reader): Promise<DocumentListing[]> {
  return (await listDocuments(db)).filter((d) => mayRead(d.readers.map((r) => r.id), reader));
}

/** One document with its passages, or null when there is none by that name that `reader` may read. */
export async function readableDocument(db: DbTx, reader: Reader, slug: string): ReturnType<typeof documentPage> {
  const doc = await documentPage(db, slug);
  return doc && mayRead(doc.readers.map((r) => r.id), reader) ? doc : null;
}

/** A document's id by name, or null when there is none by that name that `reader` may read (a plan's `strategy:`). */
export async function readableDocumentRow(db: DbTx, reader: Reader, slug: string): Promise<{ id: number } | null> {
  const doc = await documentReaders(db, slug);
  return doc && mayRead(doc.readers, reader) ? { id: doc.id } : null;
}
