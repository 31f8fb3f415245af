import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_DOCUMENTS, CORPUS_DIR } from "../../src/knowledge/corpus.ts";
import { KnowledgeIndex, type IndexDocument, type IndexPassage } from "../../src/knowledge/knowledge-index.ts";
import { parseDocument } from "../../src/knowledge/parse-document.ts";
import { isListQuestion, isPurposeQuestion, labelRefs, referencedDocuments } from "../../src/knowledge/question-refs.ts";
import { rewritePhrases, stem } from "../../src/knowledge/text-terms.ts";

// The bundled corpus as the importer labels it, indexed in memory (no database needed).
let index: KnowledgeIndex;
let documents: IndexDocument[];
beforeAll(() => {
  documents = [];
  const passages: IndexPassage[] = [];
  let id = 1;
  for (const [slug, file] of Object.entries(BUNDLED_DOCUMENTS)) {
    const d = parseDocument(fs.readFileSync(path.join(CORPUS_DIR, file)), file, { slug });
    documents.push({ slug, title: d.title, year: d.year, kind: d.kind });
    d.passages.forEach((p, ord) => passages.push({ id: id++, documentSlug: slug, ord, ...p }));
  }
  index = new KnowledgeIndex(documents, passages);
});

const top = (q: string) => {
  const o = index.ask(q);
  return { answered: o.answered, via: o.via, first: o.hits[0] && `${o.hits[0].document.slug} ${o.hits[0].passage.label}`, labels: o.hits.slice(0, 3).map((h) => `${h.document.slug} ${h.passage.label}`) };
};

describe("question words the documents put otherwise", () => {
  it("finds 'purchase of equipment' for procurement of scanners", () => {
    const r = top("procurement of new scanners: consult the other administrations first?");
    expect(r.answered).toBe(true);
    expect(r.first).toBe("1997-programme 5.1");
  });

  it("writes out chat abbreviations before reading documents and labels ('the 2023 res')", () => {
    expect(rewritePhrases("2023 res on EMPACT, joint ops and comms")).toBe("2023 resolution on EMPACT, joint operations and communication");
    const r = top("what does the 2023 res say about EMPACT");
    expect(r.first).toBe("2023-resolution NOTES WITH SATISFACTION f)");
  });

  it("does not let a slipped question word ('whta') count as a topic", () => {
    expect(index.ask("whta are the tasks of the CCWP").confidence).toBe(index.ask("what are the tasks of the CCWP").confidence);
  });

  it("stems -ise words and short plurals with their other forms", () => {
    expect(stem("organise")).toBe(stem("organisation"));
    expect(stem("organised")).toBe(stem("organising"));
    expect(stem("expertise")).toBe(stem("expert"));
    expect(stem("ends")).toBe(stem("end"));
    expect(stem("this")).toBe("this");
  });
});

describe("acronyms in coverage", () => {
  it("does not count any passage with 'customs' as covering 'CCWP'", () => {
    const o = index.ask("does the CCWP get funding for its work");
    const best = o.hits[0]!.passage;
    expect(`${best.headings.join(" ")} ${best.text}`).toMatch(/CCWP|Customs Cooperation Working Party/);
  });
});

describe("what a question names", () => {
  it("reads a counter in parentheses as a label: objective (3) is 2.(3) of 1997, not section 3", () => {
    expect(labelRefs("objective (3) of the 1997 programme")).toEqual([{ markers: ["3"], context: ["objective"], parenthesised: true }]);
    expect(labelRefs("3.a (iii)").map((r) => r.markers)).toEqual([["3", "a", "iii"]]);
    expect(labelRefs("the European Anti-Fraud Office (OLAF)")).toEqual([]);
    const r = top("objective (3) of the 1997 programme");
    expect([r.via, r.first]).toEqual(["label", "1997-programme 2.(3)"]);
  });

  it("does not take the Article 36 Committee for a label", () => {
    const r = top("what does the Article 36 Committee receive about joint customs operations");
    expect(r.via).toBe("search");
    expect(r.first).toBe("2009-strategy I.5");
  });

  it("does not take a period ('2005-2012') for a document's year", () => {
    expect(referencedDocuments("the EU Drugs Action Plan 2009-2012", documents)).toEqual([]);
    expect(referencedDocuments("the 2012 strategy", documents)).toEqual(["2012-strategy"]);
    expect(top("is the EU Drugs Strategy 2005-2012 recalled").first).toBe("2009-resolution RECALLING 11");
  });

  it("tells list questions from questions that merely say 'all'", () => {
    expect(isListQuestion("what are all the objectives of the 2023 resolution")).toBe(true);
    expect(isListQuestion("must customs take part in all cross-border discussions?")).toBe(false);
  });

  it("answers a list by its caption ('Overall aims of this strategy'), items only", () => {
    const o = index.ask("give me the overall aims in the 2009 revised strategy");
    expect(o.list?.map((h) => h.passage.label)).toEqual(["II.1 A", "II.1 B", "II.1 C"]);
  });

  it("answers a document named alone, or 'what is it for', with its purpose", () => {
    expect(isPurposeQuestion("what is the 1997 programme for?")).toBe(true);
    expect(isPurposeQuestion("what is the deadline for the CIS convention")).toBe(false);
    const r = top("what's the 1997 programme for");
    expect(r.answered).toBe(true);
    expect(r.labels).toContain("1997-programme 1");
  });
});

describe("declining", () => {
  it("counts an acronym typed in capitals that no document has (PNR)", () => {
    expect(top("exchange of PNR information with law enforcement").answered).toBe(false);
  });

  it("does not correct a word into a different one that only shares its ending ('sanctions' is not 'actions')", () => {
    expect(top("sanctions in the action plans of the CCWP").answered).toBe(false);
  });

  it("declines a question about a year no document mentions", () => {
    expect(top("progress report on the 2027 action plan").answered).toBe(false);
  });
});
