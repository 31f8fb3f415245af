/**
 * The import use case, shared by `secretariat import strategy FILE` and "import this" in chat:
 * read the file in whatever format it is, label it, embed its passages when a model is
 * configured, store it in one transaction, and let the index rebuild.
 */
import type { StoredDocument } from "../../store/documents.ts";
import type { Store } from "../../store/index.ts";
import { checkReplace } from "../document-access.ts";
import { passageText, type KnowledgeBase } from "../knowledge-base.ts";
import { readDocument } from "./read-document.ts";
import type { ImportOverrides } from "./parse-document.ts";

/** Who imports: the audit log's actor ("cli", "slack:U0123") and the working party it was done in. */
export interface Importer {
  actor: string;
  /** the audit entry's working party, and the one whose documents this import may replace; null: the operator on the server, who may replace any */
  workingPartyId: number | null;
  /** the working parties that may read it ([] every one); undefined: a replaced document keeps its readers, a new one is shared */
  readers?: number[];
}

/**
 * Imports one document, audited, with its readers in the same transaction; throws InputError
 * (nothing stored) when the file cannot be read or labelled, or would take a document away from a
 * working party (checkReplace).
 */
export async function importDocument(kb: KnowledgeBase, store: Store, bytes: Uint8Array, name: string, overrides: ImportOverrides, now: Date, by: Importer): Promise<StoredDocument> {
  const doc = await readDocument(bytes, name, overrides);
  const vectors = kb.embedder ? { model: kb.embedder.model, vectors: await kb.embedder.embed(doc.passages.map(passageText)) } : undefined;
  const entry = { workingPartyId: by.workingPartyId, actor: by.actor, action: "document.import", subject: doc.slug, detail: { file: name, title: doc.title }, at: now };
  const check = (existing: number[] | null) => checkReplace(doc.slug, existing, by.readers, by.workingPartyId);
  const stored = await store.unitOfWork((uow) => uow.documents.store(doc, now, vectors, entry, { ...(by.readers ? { readers: by.readers } : {}), check }));
  kb.invalidate();
  return stored;
}
