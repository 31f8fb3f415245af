/**
 * The indexes of one store in one process: one per set of documents some working party may read
 * (most read the same, shared documents, and share one), built lazily on the first question and
 * rebuilt when the documents or their readers change (an import here or in another process).
 * With an embeddings model, passages without a vector of that model are embedded and stored first.
 */
import type { DocumentRow, PassageRow } from "../store/documents.ts";
import type { Store } from "../store/index.ts";
import { mayRead, type Reader } from "./document-access.ts";
import type { DocumentKind } from "./import/document-metadata.ts";
import type { Embedder } from "./embed/embedder.ts";
import { loadOnnxEmbedder } from "./embed/onnx-embedder.ts";
import { KnowledgeIndex } from "./index/knowledge-index.ts";

/** The rows the indexes are built from, as of one stamp, and the indexes built from them so far. */
interface Corpus {
  stamp: string;
  documents: DocumentRow[];
  passages: PassageRow[];
  /** one index per set of readable documents: working parties that read the same documents share it */
  indexes: Map<string, KnowledgeIndex>;
}

/** The documents and their indexes, kept per process. */
export class KnowledgeBase {
  private corpus: Corpus | undefined;
  private loading: Promise<Corpus> | undefined;
  /** milliseconds the last build took (benchmarks and logs) */
  lastBuildMs = 0;

  private readonly store: Store;
  /** the embeddings model, when one is configured */
  readonly embedder?: Embedder;

  constructor(store: Store, embedder?: Embedder) {
    this.store = store;
    this.embedder = embedder;
  }

  /**
   * The index over the documents `reader` may read (src/knowledge/document-access.ts), so a
   * working party's answers never quote, list or even score another's own documents; one cheap
   * query checks that the documents and their readers have not changed.
   */
  async getIndex(reader: Reader): Promise<KnowledgeIndex> {
    const stamp = await this.store.repos.documents.stamp();
    let corpus = this.corpus;
    if (!corpus || corpus.stamp !== stamp) {
      this.loading ??= this.load().finally(() => (this.loading = undefined));
      corpus = await this.loading;
    }
    const readable = corpus.documents.filter((d) => mayRead(d.readers, reader));
    const key = readable.map((d) => d.id).join(",");
    let index = corpus.indexes.get(key);
    if (!index) {
      const started = performance.now();
      index = buildIndex(readable, corpus.passages, this.embedder?.model);
      corpus.indexes.set(key, index);
      this.lastBuildMs = performance.now() - started;
    }
    return index;
  }

  /** Forgets the indexes (after an import in this process). */
  invalidate(): void {
    this.corpus = undefined;
  }

  private async load(): Promise<Corpus> {
    await this.embedMissing();
    const stamp = await this.store.repos.documents.stamp();
    const { documents, passages } = await this.store.repos.documents.indexRows();
    this.corpus = { stamp, documents, passages, indexes: new Map() };
    return this.corpus;
  }

  /** Documents stored without vectors of the configured model (seeded before it was set, or another model) get them now. */
  private async embedMissing(): Promise<void> {
    const embedder = this.embedder;
    if (!embedder) return;
    const { documents, passages } = await this.store.repos.documents.indexRows();
    for (const d of documents) {
      if (d.embeddingModel === embedder.model) continue;
      const own = passages.filter((p) => p.documentId === d.id);
      const vectors = await embedder.embed(own.map((p) => passageText(p)));
      await this.store.unitOfWork((uow) => uow.documents.saveVectors(d.id, embedder.model, new Map(own.map((p, i) => [p.id, vectors[i]!]))));
    }
  }
}

/** An index over `documents` and their passages; vectors only where they are the configured model's. */
function buildIndex(documents: readonly DocumentRow[], passages: readonly PassageRow[], model: string | undefined): KnowledgeIndex {
  const slugById = new Map(documents.map((d) => [d.id, d.slug]));
  const current = new Set(documents.filter((d) => model && d.embeddingModel === model).map((d) => d.id));
  return new KnowledgeIndex(
    documents.map((d) => ({ slug: d.slug, title: d.title, year: d.year, kind: d.kind as DocumentKind })),
    passages
      .filter((r) => slugById.has(r.documentId))
      .map((r) => ({
        id: r.id,
        documentSlug: slugById.get(r.documentId)!,
        ord: r.ord,
        label: r.label,
        headings: r.headings,
        text: r.text,
        // vectors of another model than the configured one are not comparable with its queries
        ...(r.embedding && current.has(r.documentId) ? { vector: r.embedding } : {}),
      })),
  );
}

/** What is embedded for a passage: its label, its nearest heading and its text. */
export function passageText(p: { label: string; headings: string[]; text: string }): string {
  return [p.headings.at(-1) ?? "", p.text].filter(Boolean).join("\n");
}

/**
 * The process's knowledge base for a store, created on first use with the embeddings model the
 * configuration names (loaded once). A cache per open store, like the store's own connection
 * pool; it carries no data between modules.
 */
export async function knowledgeBase(store: Store, config: { EMBEDDINGS_MODEL_DIR?: string | undefined } = {}): Promise<KnowledgeBase> {
  let kb = open.get(store);
  if (!kb) {
    const dir = config.EMBEDDINGS_MODEL_DIR;
    kb = (dir ? loadOnnxEmbedder(dir) : Promise.resolve(undefined)).then((embedder) => new KnowledgeBase(store, embedder));
    open.set(store, kb);
    kb.catch(() => open.delete(store));
  }
  return kb;
}

const open = new Map<Store, Promise<KnowledgeBase>>();

/** Forgets a store's knowledge base (the store closed), releasing its model. */
export async function closeKnowledgeBase(store: Store): Promise<void> {
  const kb = open.get(store);
  open.delete(store);
  await (await kb?.catch(() => undefined))?.embedder?.close();
}
