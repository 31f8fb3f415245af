import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { askKnowledgeBase } from "../../../src/knowledge/ask.ts";
import { BUNDLED_DOCUMENTS, CORPUS_DIR } from "../../../src/knowledge/corpus.ts";
import { EmbeddingsModelError, loadOnnxEmbedder } from "../../../src/knowledge/embed/onnx-embedder.ts";
import { importDocument } from "../../../src/knowledge/import/import-document.ts";
import { fuse } from "../../../src/knowledge/index/fusion.ts";
import { words } from "../../../src/knowledge/index/terms.ts";
import { closeKnowledgeBase, knowledgeBase, passageText, type KnowledgeBase } from "../../../src/knowledge/knowledge-base.ts";
import { loadIndexRows } from "../../../src/store/documents.ts";
import { databaseKinds, tempDir } from "../../support/databases.ts";
import { testRuntime, type TestRuntime } from "../../support/runtime.ts";
import { writeTinyModel } from "./tiny-model.ts";

const corpusWords = Object.values(BUNDLED_DOCUMENTS).flatMap((f) => words(fs.readFileSync(path.join(CORPUS_DIR, f), "utf8")));
const modelDir = writeTinyModel(path.join(tempDir("tiny-model-"), "tiny-minilm"), [...corpusWords, "sniffer", "dogs"]);
const now = new Date("2026-11-23T10:00:00Z");
const doc = (extra: string) => Buffer.from(`# Test strategy on detector dogs\n\n1. Customs shall share sniffer dogs with the police.\n\n2. ${extra}\n`);

describe("reciprocal-rank fusion", () => {
  it("lets a passage only the dense ranking found in, and ranks one both found first", () => {
    const fused = fuse([{ id: 1, score: 9, c: 1, exact: 1 }, { id: 2, score: 5, c: 0.5, exact: 0.5 }], [{ id: 2, score: 0.9 }, { id: 3, score: 0.8 }]);
    expect(fused.map((r) => r.id)).toEqual([2, 1, 3]);
    expect(fused.find((r) => r.id === 2)?.c).toBe(0.5);
  });
});

describe("the embeddings model folder", () => {
  it("refuses a folder without model.onnx with one line naming what is missing", async () => {
    await expect(loadOnnxEmbedder(tempDir("empty-model-"))).rejects.toThrow(EmbeddingsModelError);
    await expect(loadOnnxEmbedder(tempDir("empty-model-"))).rejects.toThrow(/has no model\.onnx/);
  });

  it("embeds texts as unit vectors, the same text always the same way", async () => {
    const e = await loadOnnxEmbedder(modelDir);
    try {
      const [a, b, c] = await e.embed(["customs cooperation", "customs cooperation", "sniffer dogs"]);
      expect(a!.length).toBe(16);
      expect(Math.hypot(...a!)).toBeCloseTo(1, 5);
      expect([...a!]).toEqual([...b!]);
      expect([...a!]).not.toEqual([...c!]);
    } finally {
      await e.close();
    }
  });
});

for (const kind of databaseKinds) {
  describe(`passage vectors on ${kind}`, () => {
    let rt: TestRuntime;
    let kb: KnowledgeBase;
    beforeAll(async () => {
      rt = await testRuntime(kind, { EMBEDDINGS_MODEL_DIR: modelDir });
      kb = await knowledgeBase(rt.store, rt.config);
    });
    afterAll(async () => {
      await closeKnowledgeBase(rt.store);
      await rt.dispose();
    });

    it("embeds the bundled corpus (seeded without vectors) at the first index build and stores the vectors with the passages", async () => {
      const index = await kb.getIndex("every");
      expect(index.dense).toBe(true);
      const { documents, passages } = await loadIndexRows(rt.store.db);
      expect(documents.every((d) => d.embeddingModel === kb.embedder!.model)).toBe(true);
      expect(passages.every((p) => p.embedding?.length === 16)).toBe(true);
    });

    it("stores a document's vectors at import and makes them anew when it is imported again", async () => {
      await importDocument(kb, rt.store, doc("Dogs are trained jointly."), "dogs.md", { slug: "dogs" }, now, { actor: "cli", workingPartyId: null });
      const first = (await loadIndexRows(rt.store.db)).passages.filter((p) => p.text.includes("Dogs are trained"));
      expect(first).toHaveLength(1);
      const [expected] = await kb.embedder!.embed([passageText(first[0]!)]);
      expect([...first[0]!.embedding!]).toEqual([...expected!].map((x) => Math.fround(x)));
      await importDocument(kb, rt.store, doc("Scanners are bought jointly."), "dogs.md", { slug: "dogs" }, now, { actor: "cli", workingPartyId: null });
      const rows = (await loadIndexRows(rt.store.db)).passages;
      expect(rows.some((p) => p.text.includes("Dogs are trained"))).toBe(false);
      const second = rows.find((p) => p.text.includes("Scanners are bought"))!;
      const [again] = await kb.embedder!.embed([passageText(second)]);
      expect([...second.embedding!]).toEqual([...again!].map((x) => Math.fround(x)));
    });

    it("fuses the dense ranking after the label look-ups: a label still answers by label, a question uses both rankings", async () => {
      expect((await askKnowledgeBase(kb, "what does 3.a(ii) say?", "every")).outcome).toMatchObject({ via: "label", answered: true });
      const { outcome } = await askKnowledgeBase(kb, "sharing sniffer dogs with the police", "every");
      expect(outcome.features?.cosine).toBeGreaterThan(0);
      expect(outcome.hits[0]?.document.slug).toBe("dogs");
    });
  });
}
