/**
 * Which strategy documents a working party may read (issue 17: "strategy documents can be shared
 * by several working parties or belong to one"). A document names the working parties that may
 * read it (its DocumentAccess rows); one that names none is shared with every working party, as
 * the bundled corpus is. This is the one rule: the knowledge base builds each working party's
 * index from the documents it allows (chat, `secretariat ask --wp`), and the web console's
 * document pages list and open only those.
 */
import { InputError } from "../core/errors.ts";
import type { DocumentListing, DocumentRepository } from "../store/documents.ts";
import type { Repositories } from "../store/index.ts";

/** What the reads below need: the documents repository of the store or of a unit of work. */
type Documents = Pick<Repositories, "documents">;

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
export async function readableDocuments(repos: Documents, reader: Reader): Promise<DocumentListing[]> {
  return (await repos.documents.list()).filter((d) => mayRead(d.readers.map((r) => r.id), reader));
}

/** One document with its passages, or null when there is none by that name that `reader` may read. */
export async function readableDocument(repos: Documents, reader: Reader, slug: string): ReturnType<DocumentRepository["page"]> {
  const doc = await repos.documents.page(slug);
  return doc && mayRead(doc.readers.map((r) => r.id), reader) ? doc : null;
}

/** A document's id by name, or null when there is none by that name that `reader` may read (a plan's `strategy:`). */
export async function readableDocumentRow(repos: Documents, reader: Reader, slug: string): Promise<{ id: number } | null> {
  const doc = await repos.documents.readers(slug);
  return doc && mayRead(doc.readers, reader) ? { id: doc.id } : null;
}
