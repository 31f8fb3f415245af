import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BUNDLED_DOCUMENTS, CORPUS_DIR } from "../../../src/knowledge/corpus.ts";
import { parseDocument, type ParsedDocument } from "../../../src/knowledge/import/parse-document.ts";

const bundled = (slug: string): ParsedDocument => parseDocument(fs.readFileSync(path.join(CORPUS_DIR, BUNDLED_DOCUMENTS[slug]!)), BUNDLED_DOCUMENTS[slug]!, { slug });
const fixture = (name: string): ParsedDocument => parseDocument(fs.readFileSync(path.join(import.meta.dirname, "..", "fixtures", name)), name);
const passage = (doc: ParsedDocument, label: string) => {
  const p = doc.passages.find((x) => x.label === label);
  if (!p) throw new Error(`no passage ${label} in ${doc.slug}: ${[...new Set(doc.passages.map((x) => x.label))].join(" | ")}`);
  return p;
};
const allText = (doc: ParsedDocument) => doc.passages.map((p) => `${p.text}\n${p.headings.join("\n")}`).join("\n");

describe("labeller on the bundled documents", () => {
  it("2012 strategy: IV 3.a.(ii) under Information management and exchange; footnotes gone", () => {
    const d = bundled("2012-strategy");
    const p = passage(d, "IV 3.a.(ii)");
    expect(p.text).toMatch(/^Establish a Risk Analysis Coordination Mechanism/);
    expect(p.headings).toContain("3. Information management and exchange");
    expect(p.headings.some((h) => /^IV\. Aims of the strategy/.test(h))).toBe(true);
    expect(passage(d, "IV 2.d").text).toContain("Naples II Convention of 1997");
    expect(d.passages.filter((x) => x.label === "IV 1").map((x) => x.text)).toContain("Institutional co-operation");
    // footnote texts and their reference digits do not leak into passages
    expect(allText(d)).not.toMatch(/OJ C 5, 7\. 1\. 2012|malmstrom|Five actions plans/);
    expect(passage(d, "IV 3.a.(iii)").text).toMatch(/purposes\.$/);
    expect(d).toMatchObject({ title: "Draft Strategy for the future customs law enforcement co-operation", dateText: "14 November 2012", year: 2012, kind: "strategy" });
  });

  it("2009 revised strategy: II.1 C For the CCWP d) and II.2 with its paragraphs", () => {
    const d = bundled("2009-strategy");
    expect(passage(d, "II.1 C For the CCWP d)").text).toMatch(/^To evaluate, on a regular basis, the existing forms of cooperation/);
    expect(passage(d, "II.1 C For the CCWP d)").headings).toEqual(expect.arrayContaining(["II. STRATEGIC PLAN", "For the CCWP"]));
    const implementing = d.passages.filter((x) => x.label === "II.2").map((x) => x.text);
    expect(implementing[0]).toBe("IMPLEMENTING AND REVIEWING THE STRATEGY");
    expect(implementing.join(" ")).toContain("at least 2 months before the end of the current action plan");
    expect(passage(d, "II.1 B For customs authorities of the Member States a) iii").text).toMatch(/^Joint Customs Operations/);
    expect(passage(d, "I.4.b").text).toContain("Naples II");
    expect(allText(d)).not.toContain("OJ C 260, 30.10.2009");
    expect(d).toMatchObject({ reference: "15198/09 ENFOCUSTOM 118 ENFOPOL 272", dateText: "4 November 2009", year: 2009, kind: "strategy" });
    expect(d.title).toBe("Draft revised strategy for customs cooperation in the third pillar");
  });

  it("2023 resolution: HEREBY RESOLVES 2.c, RECOGNISING 5, stray ** and --- gone", () => {
    const d = bundled("2023-resolution");
    expect(passage(d, "HEREBY RESOLVES 2.c").text).toMatch(/^enhancing cross-border cooperation, including joint operations/);
    expect(passage(d, "HEREBY RESOLVES 2.c").headings[0]).toBe("HEREBY RESOLVES");
    expect(passage(d, "RECOGNISING 5").text).toMatch(/Russia's war of aggression against Ukraine/);
    expect(passage(d, "NOTES WITH SATISFACTION d)").text).toContain("(OLAF)");
    expect(allText(d)).not.toMatch(/\*\*|^---$/m);
    expect(d).toMatchObject({ reference: "10247/23 ENFOCUSTOM 67 ENFOPOL 271 JAI 790 COSI 107", dateText: "8 June 2023", year: 2023, kind: "resolution" });
  });

  it("2009 resolution: RECOGNISING 5, HEREBY RESOLVES 1.(b), <sup> footnotes gone", () => {
    const d = bundled("2009-resolution");
    expect(passage(d, "RECOGNISING 5").text).toMatch(/Europol, Eurojust, OLAF/);
    expect(passage(d, "RECALLING 2").text).toMatch(/^the Hague Programme, adopted/);
    expect(passage(d, "HEREBY RESOLVES 1.(b)").text).toMatch(/^to take practical steps/);
    expect(allText(d)).not.toMatch(/<sup>|OJ L 63, 6\.3\.2002/);
    expect(d).toMatchObject({ reference: "14252/09 ENFOCUSTOM 100", dateText: "9 October 2009", year: 2009, kind: "resolution" });
  });

  it("1997 programme: 3.1 on risk analysis, TIMETABLE 22 with its deadline, HTML table markup gone", () => {
    const d = bundled("1997-programme");
    expect(passage(d, "3").text).toBe("Risk analysis");
    expect(passage(d, "3.1").text).toBe("Development of risk analysis and targeting");
    expect(passage(d, "3.1").headings).toContain("3. Risk analysis");
    expect(passage(d, "TIMETABLE 22").text).toMatch(/^Centres of expertise for container control have been identified\. They are Hamburg/);
    expect(passage(d, "TIMETABLE 22").headings).toEqual(["TIMETABLE", "CUSTOMS CONTROLS"]);
    expect(passage(d, "TIMETABLE 25").text).toBe("The Member States shall conclude discussions on the Naples II Convention by end 1997. (Deadline: Conclude discussion by end 1997)");
    expect(passage(d, "5.5").text).toBe("Development and strengthening of cooperation via liaison officers");
    const timetable = new Set(d.passages.filter((x) => /^TIMETABLE \d+$/.test(x.label)).map((x) => x.label));
    expect(timetable.size).toBe(43);
    expect(allText(d)).not.toMatch(/<\/?(?:p|b|li|ul|sup)\b|OJ No C 319/);
    expect(d).toMatchObject({ reference: "9710/1/97 REV 1 ENFOCUSTOM 45", year: 1997, kind: "programme" });
  });
});

describe("labeller on documents in other styles", () => {
  it("decimal numbering with Markdown headings (2.1.1) and Markdown footnotes", () => {
    const d = fixture("decimal-markdown.md");
    expect(d.slug).toBe("decimal-markdown");
    expect(passage(d, "2.1.1").text).toMatch(/^Member States shall share container screening results/);
    expect(passage(d, "2.1.1").headings).toEqual(["Working Party on Ports Security — Strategy 2030", "2. Objectives", "2.1 Container screening"]);
    expect(passage(d, "2.2.1").text).toMatch(/^Joint training/);
    expect(allText(d)).not.toMatch(/\[\^1\]|mid-term review calendar/);
    expect(d).toMatchObject({ title: "Working Party on Ports Security — Strategy 2030", reference: "11111/25 PORTSEC 12", dateText: "3 March 2025", year: 2025 });
  });

  it("articles, bullets with letters and parenthesised numerals, a WHEREAS block", () => {
    const d = fixture("articles-bullets.txt");
    expect(passage(d, "WHEREAS (2)").text).toBe("cooperation with third countries remains uneven;");
    expect(passage(d, "Article 2 b)").text).toBe("report seizures to Europol every quarter;");
    expect(passage(d, "Article 2 b) (ii)").text).toBe("including the routes used;");
    expect(passage(d, "Article 2 c)").headings).toEqual(["Article 2 Actions"]);
    expect(d.passages.filter((p) => p.label === "Article 3").map((p) => p.text)).toEqual(["Deadlines", "The first report is due by 31 December 2024."]);
  });

  it("drops running headers and page furniture and joins the lines they interrupt", () => {
    const d = fixture("page-furniture.txt");
    expect(d.passages.map((p) => p.label)).toEqual(["1", "1.1", "1.2", "2", "2.1"]);
    expect(passage(d, "1.1").text).toBe("Member States shall report cash seizures above EUR 10 000 to the Financial Intelligence Units within 48 hours.");
    expect(allText(d)).not.toMatch(/JV\/ab|DG D 1A|\bEN\b/);
  });

  it("lettered sections with numbered items (A.1, B.2)", () => {
    const d = fixture("parens-sections.txt");
    expect(d.passages.map((p) => p.label)).toEqual(["A", "A.1", "A.2", "B", "B.1", "B.2"]);
    expect(passage(d, "B.2").text).toMatch(/network of environmental prosecutors/);
    expect(d.kind).toBe("programme");
  });
});

describe("labeller on layouts the project did not write", () => {
  const text = (name: string, body: string): ParsedDocument => parseDocument(new TextEncoder().encode(body), name);

  it("a capitalised verb opening a paragraph labels it, and heads the points only when it introduces them", () => {
    const d = text(
      "conclusions.txt",
      "THE COUNCIL OF THE EUROPEAN UNION,\n\nRECALLING that EMPACT was made permanent in 2021;\n\nTAKING NOTE of the threat assessment;\n\nAGREES on the following priorities:\n\n1. High-risk criminal networks.\n\n2. Cyber-attacks.\n\nINVITES the Commission to report to the Council each year.\n",
    );
    expect(passage(d, "RECALLING").text).toMatch(/^RECALLING that EMPACT/);
    expect(passage(d, "TAKING NOTE").text).toContain("threat assessment");
    expect(passage(d, "AGREES 2").text).toBe("Cyber-attacks.");
    expect(passage(d, "INVITES").text).toMatch(/report to the Council/);
  });

  it("a recital does not head the operative points after it; an acronym opening a sentence is no keyword", () => {
    const d = text("iss.txt", "TAKING NOTE of the Agenda on Security;\n\n1. ADOPTS the renewed strategy.\n\n2. STRESSES that the work of COSI goes on.\n\nCOSI will report to the Council every year on the strategy.\n");
    expect(passage(d, "1").text).toMatch(/^ADOPTS/);
    expect(passage(d, "2").text).toMatch(/^STRESSES/);
    expect(d.passages.some((p) => p.label === "COSI")).toBe(false);
  });

  it("articles on lines of their own are labelled by article, not dropped as running headers", () => {
    const articles = [1, 2, 3, 4].map((n) => `Article ${n}\n\nScope ${n}\n\n1. The first rule of article ${n}.\n\n2. The second rule of article ${n}.\n`).join("\n");
    const d = text("convention.txt", `TITLE I\n\nGENERAL PROVISIONS\n\n${articles}`);
    expect(passage(d, "Article 3 2").text).toBe("The second rule of article 3.");
    expect(passage(d, "Article 4 1").text).toBe("The first rule of article 4.");
  });

  it("a heading in capitals after numbered paragraphs opens a section of its own; points numbered across sections stand alone", () => {
    const d = text(
      "drugs.txt",
      "1. The Strategy sets the frame.\n\n2. The Strategy has policy areas.\n\nI. DRUG SUPPLY REDUCTION\n\n1.1 Target the high-risk groups.\n\n1.2 Follow the money.\n\nII. DRUG DEMAND REDUCTION\n\n2.1 Prevent drug use.\n",
    );
    expect(passage(d, "I").text).toBe("DRUG SUPPLY REDUCTION");
    expect(passage(d, "1.2").text).toBe("Follow the money.");
    expect(passage(d, "2.1").headings).toContain("II. DRUG DEMAND REDUCTION");
  });
});

describe("labeller: long numbered lists", () => {
  it("paragraphs numbered 1000 and on are passages of their own, not text of paragraph 999", () => {
    const paragraphs = Array.from({ length: 1005 }, (_, i) => `${i + 1}. Member States shall report on measure ${i + 1} of the programme.`);
    const d = parseDocument(Buffer.from(`The Member States agreed on the following measures.\n\n${paragraphs.join("\n\n")}\n`), "long.txt");
    const byLabel = new Map(d.passages.map((p) => [p.label, p.text]));
    expect(byLabel.get("999")).toBe("Member States shall report on measure 999 of the programme.");
    expect(byLabel.get("1000")).toBe("Member States shall report on measure 1000 of the programme.");
    expect(byLabel.get("1005")).toBe("Member States shall report on measure 1005 of the programme.");
  });

  it("a four-digit number that does not continue a list stays text (a year opening a sentence)", () => {
    const d = parseDocument(Buffer.from("The programme.\n\n1. Member States shall report every year.\n\n2026. The year the programme ends is also the year of its review.\n"), "year.txt");
    expect(d.passages.map((p) => p.label)).not.toContain("2026");
  });
});
