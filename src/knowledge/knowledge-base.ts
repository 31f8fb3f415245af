/**
 * One index per store and process, built lazily from the database on the first question and
 * rebuilt when the documents change (an import here or in another process). With an embeddings
 * model, passages without a vector of that model are embedded and stored first.
 */
import { documentsStamp, loadIndexRows, saveVectors } from "../store/documents.ts";
import type { Store } from "../store/index.ts";
import type { DocumentKind } from "./import/document-metadata.ts";
import type { Embedder } from "./embed/embedder.ts";
import { loadOnnxEmbedder } from "./embed/onnx-embedder.ts";
import { KnowledgeIndex } from "./index/knowledge-index.ts";

/** The documents and their index, kept per process. */
export class KnowledgeBase {
  private index: KnowledgeIndex | undefined;
  private stamp = "";
  private building: Promise<KnowledgeIndex> | undefined;
  /** milliseconds the last build took (benchmarks and logs) */
  lastBuildMs = 0;

  private readonly store: Store;
  /** the embeddings model, when one is configured */
  readonly embedder?: Embedder;

  constructor(store: Store, embedder?: Embedder) {
    this.store = store;
    this.embedder = embedder;
  }

  /** The current index; one cheap query checks that the documents have not changed. */
  async getIndex(): Promise<KnowledgeIndex> {
    const stamp = await documentsStamp(this.store.db);
    if (this.index && stamp === this.stamp) return this.index;
    this.building ??= this.build().finally(() => (this.building = undefined));
    return this.building;
  }

  /** Forgets the index (after an import in this process). */
  invalidate(): void {
    this.index = undefined;
    this.stamp = "";
  }

  private async build(): Promise<KnowledgeIndex> {
    const started = performance.now();
    await this.embedMissing();
    const stamp = await documentsStamp(this.store.db);
    const { documents, passages } = await loadIndexRows(this.store.db);
    const slugById = new Map(documents.map((d) => [d.id, d.slug]));
    const model = this.embedder?.model;
    const current = new Set(documents.filter((d) => model && d.embeddingModel === model).map((d) => d.id));
    const index = new KnowledgeIndex(
      documents.map((d) => ({ slug: d.slug, title: d.title, year: d.year, kind: d.kind as DocumentKind })),
      passages.map((r) => ({
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
    this.index = index;
    this.stamp = stamp;
    this.lastBuildMs = performance.now() - started;
    return index;
  }

  /** Documents stored without vectors of the configured model (seeded before it was set, or another model) get them now. */
  private async embedMissing(): Promise<void> {
    const embedder = this.embedder;
    if (!embedder) return;
    const { documents, passages } = await loadIndexRows(this.store.db);
    for (const d of documents) {
      if (d.embeddingModel === embedder.model) continue;
      const own = passages.filter((p) => p.documentId === d.id);
      const vectors = await embedder.embed(own.map((p) => passageText(p)));
      await saveVectors(this.store.db, d.id, embedder.model, new Map(own.map((p, i) => [p.id, vectors[i]!])));
    }
  }
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
