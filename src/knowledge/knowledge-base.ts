/**
 * One index per store and process, built lazily from the database on the first question and
 * rebuilt when the documents change (an import here or in another process).
 */
import type { Store } from "../store/index.ts";
import type { DocumentKind } from "./document-metadata.ts";
import { KnowledgeIndex } from "./knowledge-index.ts";

/** The documents and their index, kept per process. */
export class KnowledgeBase {
  private index: KnowledgeIndex | undefined;
  private stamp = "";
  private building: Promise<KnowledgeIndex> | undefined;
  /** milliseconds the last build took (benchmarks and logs) */
  lastBuildMs = 0;

  private readonly store: Store;

  constructor(store: Store) {
    this.store = store;
  }

  /** The current index; one cheap query checks that the documents have not changed. */
  async getIndex(): Promise<KnowledgeIndex> {
    const stamp = await this.currentStamp();
    if (this.index && stamp === this.stamp) return this.index;
    this.building ??= this.build(stamp).finally(() => (this.building = undefined));
    return this.building;
  }

  /** Forgets the index (after an import in this process). */
  invalidate(): void {
    this.index = undefined;
    this.stamp = "";
  }

  private async currentStamp(): Promise<string> {
    const agg = await this.store.db.strategyDocument.aggregate({ _count: { _all: true }, _max: { importedAt: true, id: true } });
    return `${agg._count._all}:${agg._max.id ?? 0}:${agg._max.importedAt?.getTime() ?? 0}`;
  }

  private async build(stamp: string): Promise<KnowledgeIndex> {
    const started = performance.now();
    const db = this.store.db;
    const docs = await db.strategyDocument.findMany({ select: { id: true, slug: true, title: true, year: true, kind: true } });
    const slugById = new Map(docs.map((d) => [d.id, d.slug]));
    const rows = await db.passage.findMany({ select: { id: true, documentId: true, ord: true, label: true, headings: true, text: true } });
    const index = new KnowledgeIndex(
      docs.map((d) => ({ slug: d.slug, title: d.title, year: d.year, kind: d.kind as DocumentKind })),
      rows.map((r) => ({ id: r.id, documentSlug: slugById.get(r.documentId)!, ord: r.ord, label: r.label, headings: parseHeadings(r.headings), text: r.text })),
    );
    this.index = index;
    this.stamp = stamp;
    this.lastBuildMs = performance.now() - started;
    return index;
  }
}

function parseHeadings(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

const bases = new WeakMap<Store, KnowledgeBase>();

/** The knowledge base of a store, created on first use. */
export function knowledgeBase(store: Store): KnowledgeBase {
  let kb = bases.get(store);
  if (!kb) {
    kb = new KnowledgeBase(store);
    bases.set(store, kb);
  }
  return kb;
}
