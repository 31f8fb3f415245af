import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../../src/core/errors.ts";
import { MAX_DOCUMENT_BYTES, parseDocument, type ParsedDocument } from "../../../src/knowledge/import/parse-document.ts";
import { storeDocument } from "../../../src/store/documents.ts";
import { databaseKinds } from "../../support/databases.ts";
import { testRuntime, type TestRuntime } from "../../support/runtime.ts";

const fixtures = path.join(import.meta.dirname, "..", "fixtures");
const read = (name: string) => fs.readFileSync(path.join(fixtures, name));

describe("import errors: clear message, nothing stored", () => {
  const cases: [string, Uint8Array, RegExp][] = [
    ["empty.txt", read("empty.txt"), /is empty/],
    ["blank.txt", read("blank.txt"), /only blank space/],
    ["binary.bin", read("binary.bin"), /binary file/],
    ["latin1.txt", read("latin1.txt"), /not valid UTF-8.*save it as UTF-8/],
    ["flat.txt", read("flat.txt"), /No numbered paragraphs or headings could be labelled in flat\.txt: found \d+ lines and \d+ words/],
    ["huge.txt", new Uint8Array(MAX_DOCUMENT_BYTES + 1).fill(0x61), /the limit is 2 MB/],
  ];
  for (const [name, bytes, message] of cases) {
    it(`rejects ${name}`, () => {
      expect(() => parseDocument(bytes, name)).toThrow(InputError);
      expect(() => parseDocument(bytes, name)).toThrow(message);
    });
  }

  it("rejects a slug that cannot name a document", () => {
    expect(() => parseDocument(read("parens-sections.txt"), "x.txt", { slug: "Bad Slug!" })).toThrow(/cannot name a document/);
  });

  it("takes title, reference and date from the caller when given", () => {
    const d = parseDocument(read("parens-sections.txt"), "env.txt", { title: "Environmental crime programme", reference: "9999/26", date: "1 May 2026" });
    expect(d).toMatchObject({ slug: "env", title: "Environmental crime programme", reference: "9999/26", dateText: "1 May 2026", year: 2026, kind: "programme" });
  });
});

for (const kind of databaseKinds) {
  describe(`storing documents (${kind})`, () => {
    let rt: TestRuntime;
    beforeAll(async () => {
      rt = await testRuntime(kind);
    });
    afterAll(() => rt.dispose());

    it("seeds the five bundled documents with their slugs on a new database", async () => {
      const docs = await rt.store.db.strategyDocument.findMany({ orderBy: { slug: "asc" }, select: { slug: true, year: true, kind: true } });
      expect(docs.map((d) => d.slug)).toEqual(["1997-programme", "2009-resolution", "2009-strategy", "2012-strategy", "2023-resolution"]);
      const doc = await rt.store.db.strategyDocument.findUniqueOrThrow({ where: { slug: "2012-strategy" }, include: { passages: { where: { label: "IV 3.a.(ii)" } } } });
      expect(doc.passages).toHaveLength(1);
      expect(JSON.parse(doc.passages[0]!.headings)).toContain("3. Information management and exchange");
    });

    it("re-importing the same slug replaces the document and keeps its id, with no duplicates", async () => {
      const first = await storeDocument(rt.store.db, parseDocument(read("parens-sections.txt"), "env-crime.txt"), new Date("2026-01-01T00:00:00Z"));
      const again = await storeDocument(rt.store.db, parseDocument(read("parens-sections.txt"), "env-crime.txt"), new Date("2026-01-02T00:00:00Z"));
      expect(first.replaced).toBe(false);
      expect(again).toMatchObject({ id: first.id, replaced: true, passages: 6 });
      expect(await rt.store.db.passage.count({ where: { documentId: first.id } })).toBe(6);
      const changed = parseDocument(Buffer.from("A. Detection\n\n1) Only one item now.\n"), "env-crime.txt");
      await storeDocument(rt.store.db, changed);
      const rows = await rt.store.db.passage.findMany({ where: { documentId: first.id }, orderBy: { ord: "asc" } });
      expect(rows.map((r) => r.label)).toEqual(["A", "A.1"]);
      expect(await rt.store.db.strategyDocument.count({ where: { slug: "env-crime" } })).toBe(1);
    });

    it("stores nothing when a passage cannot be written (one transaction)", async () => {
      const good = parseDocument(read("decimal-markdown.md"), "ports.md");
      const broken: ParsedDocument = { ...good, slug: "ports-broken", passages: [...good.passages, { label: "9", headings: [], text: null as unknown as string }] };
      await expect(storeDocument(rt.store.db, broken)).rejects.toThrow();
      expect(await rt.store.db.strategyDocument.count({ where: { slug: "ports-broken" } })).toBe(0);
    });
  });
}
