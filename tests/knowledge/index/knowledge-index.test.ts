import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_DOCUMENTS, CORPUS_DIR } from "../../../src/knowledge/corpus.ts";
import { parseDocument } from "../../../src/knowledge/import/parse-document.ts";
import { KnowledgeIndex, type IndexDocument, type IndexPassage } from "../../../src/knowledge/index/knowledge-index.ts";
import { isListQuestion, isPurposeQuestion, labelRefs, missingDocument, referencedDocuments } from "../../../src/knowledge/index/question-refs.ts";

// The bundled corpus as the importer labels it, indexed in memory (no database needed).
let index: KnowledgeIndex;
let documents: IndexDocument[];
let allPassages: IndexPassage[];
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
  allPassages = passages;
});

const top = (q: string) => {
  const o = index.ask(q);
  return { answered: o.answered, via: o.via, first: o.hits[0] && `${o.hits[0].document.slug} ${o.hits[0].passage.label}`, labels: o.hits.slice(0, 3).map((h) => `${h.document.slug} ${h.passage.label}`), refusal: o.refusal };
};

describe("labels and documents that do not exist", () => {
  it("refuses objective 9.z of the 2012 strategy with the labels it has, quoting no passage", () => {
    const r = top("objective 9.z of the 2012 strategy");
    expect(r.answered).toBe(false);
    expect(r.first).toBeUndefined();
    expect(r.refusal?.message).toMatch(/^The 2012 strategy has no 9\.z; its numbered points are IV 1–3\. Nearest labels: IV 1; IV 2; IV 3/);
    expect(r.refusal?.nearest[0]).toEqual({ document: "2012-strategy", label: "IV 1" });
  });

  it("refuses a label of the named document rather than answering from another document that has it", () => {
    // the 2012 strategy has IV 1.b; the 2023 resolution has no 1.b
    const r = top("objective 1.b of the 2023 resolution");
    expect(r.answered).toBe(false);
    expect(r.refusal?.kind).toBe("missing-label");
    expect(r.refusal?.nearest.every((n) => n.document === "2023-resolution")).toBe(true);
  });

  it("refuses 'point 3 of the 2015 resolution' when no 2015 resolution is loaded, naming those there are", () => {
    expect(missingDocument("point 3 of the 2015 resolution", documents)).toEqual({ year: 2015, kind: "resolution" });
    expect(missingDocument("point 3 of the 2009 resolution", documents)).toBeUndefined();
    const r = top("point 3 of the 2015 resolution");
    expect(r.answered).toBe(false);
    expect(r.refusal?.message).toMatch(/^No 2015 resolution is loaded; the resolutions are: 2009-resolution .*2023-resolution/);
  });

  it("names a document by a kind its title says ('the 2003 strategy' is the 2003 resolution on a strategy), not refusing it as missing", () => {
    const docs = [...documents, { slug: "strategy-2003", title: "Council resolution of 2 October 2003 on a strategy for customs cooperation", year: 2003, kind: "resolution" as const }];
    expect(referencedDocuments("what are the objectives of the 2003 strategy", docs)).toEqual(["strategy-2003"]);
    expect(missingDocument("what are the objectives of the 2003 strategy", docs)).toBeUndefined();
    // a title without the word does not name it so
    expect(missingDocument("point 3 of the 2023 programme", docs)).toEqual({ year: 2023, kind: "programme" });
  });

  it("refuses 1.b of an imported document named by its title words, not another document's 1.(b)", () => {
    const docs: IndexDocument[] = [...documents, { slug: "ipr-plan", title: "Customs Action Plan to combat IPR infringements", year: 2018, kind: "programme" }];
    const extra: IndexPassage[] = [
      { id: 9001, documentSlug: "ipr-plan", ord: 0, label: "1", headings: [], text: "Ensure effective customs enforcement of IPR." },
      { id: 9002, documentSlug: "ipr-plan", ord: 1, label: "2", headings: [], text: "Tackle major trends in trade of infringing goods." },
    ];
    const withPlan = new KnowledgeIndex(docs, [...allPassages, ...extra]);
    expect(withPlan.ask("what does 1.b of the 2009 resolution say").hits[0]?.passage.label).toBe("HEREBY RESOLVES 1.(b)");
    const o = withPlan.ask("what does 1.b of the IPR action plan say");
    expect(o.answered).toBe(false);
    expect(o.refusal?.message).toMatch(/^ipr-plan \(Customs Action Plan to combat IPR infringements\) has no 1\.b\. Nearest labels: 1; 2/);
  });

  it("still answers a label that exists, and the same counters in another document when none is named", () => {
    expect(top("objective 3.c of the 2012 strategy")).toMatchObject({ answered: true, via: "label", first: "2012-strategy IV 3.c" });
    expect(top("what does 3.a(ii) say?").first).toBe("2012-strategy IV 3.a.(ii)");
  });
});

describe("words the documents put otherwise (WordNet, fuzzy matching)", () => {
  it("finds the purchase of equipment for 'buying' (a WordNet synonym)", () => {
    expect(top("buying equipment: should administrations share experience first?").first).toBe("1997-programme 5.1");
  });

  it("drops a slipped question word ('whta') that the search library corrects to a stop word", () => {
    expect(top("whta are the tasks of the CCWP").labels).toEqual(top("what are the tasks of the CCWP").labels);
  });
});

describe("what a question names", () => {
  it("reads a counter in parentheses as a label: objective (3) is 2.(3) of 1997, not section 3", () => {
    expect(labelRefs("objective (3) of the 1997 programme")).toEqual([{ markers: ["3"], context: ["objective"], keyworded: true, typed: "(3)", parenthesised: true }]);
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

  it("tells purpose questions ('what is it for') from others", () => {
    expect(isPurposeQuestion("what is the 1997 programme for?")).toBe(true);
    expect(isPurposeQuestion("what is the deadline for the CIS convention")).toBe(false);
  });
});

describe("declining (the fitted model)", () => {
  it("declines questions about what no document covers, with the ranking's features", () => {
    for (const q of ["tariff classification of bananas", "what is the budget of the CCWP for 2025?", "how do I reset my password?"]) {
      const o = index.ask(q);
      expect(o.answered, q).toBe(false);
      expect(o.features?.unknownShare, q).toBeGreaterThan(0.3);
    }
  });

  it("answers paraphrases whose words the documents have", () => {
    for (const q of ["joint training with other law enforcement authorities", "pilot projects for new models of joint actions"]) expect(index.ask(q).answered, q).toBe(true);
  });
});

describe("a point is found by the passage it sits under", () => {
  // two documents with the same point; only one has it under a lead-in about counterfeit goods
  const docs: IndexDocument[] = [
    { slug: "plan-a", title: "Action plan A", year: 2018, kind: "programme" },
    { slug: "plan-b", title: "Action plan B", year: 2019, kind: "programme" },
  ];
  const passages: IndexPassage[] = [
    { id: 1, documentSlug: "plan-a", ord: 0, label: "1", headings: [], text: "Strategic objective 1: tackling the trade in counterfeit goods" },
    { id: 2, documentSlug: "plan-a", ord: 1, label: "1.(a)", headings: [], text: "Provide training to officers on the identification of goods." },
    { id: 3, documentSlug: "plan-b", ord: 0, label: "1", headings: [], text: "Strategic objective 1: protecting public health at the border" },
    { id: 4, documentSlug: "plan-b", ord: 1, label: "1.(a)", headings: [], text: "Provide training to officers on the identification of goods." },
    { id: 5, documentSlug: "plan-b", ord: 2, label: "2", headings: [], text: "The following tasks fall to the working party:" },
    { id: 6, documentSlug: "plan-b", ord: 3, label: "2", headings: [], text: "- reporting on seizures of medicines each year." },
  ];
  const small = new KnowledgeIndex(docs, passages, { wordnet: null });

  it("ranks the point under the lead-in that has the question's other words first", () => {
    const o = small.ask("training officers to identify counterfeit goods");
    expect(`${o.hits[0]?.document.slug} ${o.hits[0]?.passage.label}`).toBe("plan-a 1.(a)");
    expect(small.ask("training officers to identify goods for public health").hits[0]?.document.slug).toBe("plan-b");
  });
});
