import { Document, FootnoteReferenceRun, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../../src/core/errors.ts";
import { askKnowledgeBase } from "../../../src/knowledge/ask.ts";
import { detectFormat } from "../../../src/knowledge/import/file-format.ts";
import { importDocument } from "../../../src/knowledge/import/import-document.ts";
import { describeFound, parseDocument } from "../../../src/knowledge/import/parse-document.ts";
import { readDocument } from "../../../src/knowledge/import/read-document.ts";
import { closeKnowledgeBase, knowledgeBase } from "../../../src/knowledge/knowledge-base.ts";
import { databaseKinds } from "../../support/databases.ts";
import { testRuntime, type TestRuntime } from "../../support/runtime.ts";
import { lines, makePdf } from "../fixtures/make-pdf.ts";

const labels = (d: { passages: { label: string }[] }) => [...new Set(d.passages.map((p) => p.label))];
const text = (d: { passages: { text: string }[] }) => d.passages.map((p) => p.text).join("\n");

/** A Council register PDF: cover block in two columns, a subject on two lines, a raised footnote marker, footnotes and a running footer. */
function registerPdf(): Uint8Array {
  const footer = (p: number) => [{ text: `14649/16 JV/ab ${p}`, x: 72, y: 40, size: 9 }, { text: "DGD 1C EN", x: 450, y: 40, size: 9 }];
  return makePdf([
    [
      ...lines(["Council of the European Union"], 800),
      { text: "Brussels, 28 November 2016", x: 380, y: 800, size: 11 },
      ...lines(["14649/16", "", "UD 246", "ENFOCUSTOM 196", "", "Subject: Draft Council Resolution on the customs cooperation", "strategy", "", "1. The Council recalls the Stockholm Programme.", "2. It invites the Member States to report on detector dogs"], 760),
      { text: "1", x: 330, y: 629, size: 7 },
      ...lines(["each year."], 610),
      { text: "1 OJ C 115, 4.5.2010, p. 1.", x: 72, y: 90, size: 8 },
      ...footer(1),
    ],
    [...lines(["3. The Commission shall support the work:", "(a) with funding;", "(b) with experts."]), ...footer(2)],
  ]);
}

/** A Word file: bold title, numbered points typed as text, a footnote. */
async function wordFile(): Promise<Uint8Array> {
  const doc = new Document({
    footnotes: { 1: { children: [new Paragraph("OJ C 24, 21.1.2019, p. 3.")] } },
    sections: [
      {
        children: [
          new Paragraph({ children: [new TextRun({ text: "Council Conclusions on the EU Customs Action Plan to combat IPR infringements", bold: true })] }),
          new Paragraph({ children: [new TextRun({ text: "(2019/C 24/05)", bold: true })] }),
          new Paragraph("THE COUNCIL OF THE EUROPEAN UNION,"),
          new Paragraph("RECALLING:"),
          new Paragraph({ children: [new TextRun("1. the previous action plan"), new FootnoteReferenceRun(1), new TextRun(";")] }),
          new Paragraph("2. the report on its implementation;"),
          new Paragraph({ text: "ANNEX", heading: HeadingLevel.HEADING_1 }),
          new Paragraph("1. Customs shall train officers to spot counterfeit goods."),
          new Paragraph("2. Customs shall cooperate with right-holders."),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** HTML as saved from EUR-Lex: title block, points in table rows with the number alone in its cell, footnote markers and notes. */
const EURLEX = `<!DOCTYPE html><html><head><title>EUR-Lex - 32012G0107(01)</title></head><body>
<p class="doc-ti">COUNCIL RESOLUTION</p><p class="doc-ti">of 13 December 2011</p><p class="doc-ti">on the future of customs law enforcement cooperation</p><p class="doc-ti">(2012/C 5/01)</p>
<p class="normal">THE COUNCIL OF THE EUROPEAN UNION,</p><p class="normal">RECALLING:</p>
<table><col width="4%"/><col width="96%"/><tr><td><p class="normal">1.</p></td><td><p class="normal">the Stockholm Programme<a href="#ntc1">&nbsp;(<span class="super">1</span>)</a>, adopted in December 2009;</p></td></tr></table>
<table><tr><td><p class="normal">2.</p></td><td><p class="normal">that Article 71 provides for a standing committee (COSI);</p></td></tr></table>
<p class="normal">HEREBY RESOLVES:</p>
<table><tr><td><p class="normal">1.</p></td><td><p class="normal">that customs should use sniffer dogs jointly with the police;</p></td></tr></table>
<hr class="note"/><p class="note"><a href="#ntr1">(1)</a>&nbsp;&nbsp;OJ C 115, 4.5.2010, p. 1.</p>
</body></html>`;

/** A text export with the layouts exports leave: numbers alone on their lines, "1.On", "(b)the", a tab after the number, a running header. */
const TEXT_EXPORT = [
  "Council Resolution of 29 November 1996 on police/customs agreements",
  "Official Journal C 375 , 12/12/1996 P. 0001 - 0002",
  "",
  "HEREBY ADOPTS THIS RESOLUTION:",
  "",
  "1.Member States should draw up agreements.",
  "",
  "2.",
  "The agreements should set out the tasks of each service.",
  "",
  "3.\tWhere other agencies have competences, they should be associated.",
  "",
  "ANNEX",
  "",
  "(a)",
  "the areas of responsibility of each service;",
  "",
  "(b)the designation of contact points;",
].join("\n");

describe("reading each format into labelled passages", () => {
  it("tells formats by their first bytes, whatever the name says", async () => {
    expect(detectFormat(registerPdf(), "notes.txt")).toBe("pdf");
    expect(detectFormat(await wordFile(), "x.bin")).toBe("docx");
    expect(detectFormat(Buffer.from(EURLEX), "saved.txt")).toBe("html");
    expect(detectFormat(Buffer.from(TEXT_EXPORT), "x.txt")).toBe("text");
  });

  it("reads a register PDF: subject over two lines, reference with its codes, date; no footer, footnote or marker", async () => {
    // the file name's year (2020) never wins over the document's own date
    const d = await readDocument(registerPdf(), "2020-draft.pdf");
    expect(d).toMatchObject({ title: "Draft Council Resolution on the customs cooperation strategy", reference: "14649/16 UD 246 ENFOCUSTOM 196", dateText: "28 November 2016", year: 2016, kind: "resolution" });
    expect(labels(d)).toEqual(["1", "2", "3", "3.(a)", "3.(b)"]);
    expect(text(d)).toContain("It invites the Member States to report on detector dogs each year.");
    expect(text(d)).not.toMatch(/JV\/ab|DGD 1C|OJ C 115|dogs 1/);
  });

  it("reads a Word file: title, the Official Journal reference and its year, keyword sections, no footnote", async () => {
    const d = await readDocument(await wordFile(), "ipr.docx");
    expect(d).toMatchObject({ title: "Council Conclusions on the EU Customs Action Plan to combat IPR infringements", reference: "OJ 2019/C 24/05", year: 2019 });
    expect(labels(d)).toEqual(expect.arrayContaining(["RECALLING 1", "RECALLING 2", "ANNEX 1", "ANNEX 2"]));
    expect(text(d)).not.toMatch(/OJ C 24, 21\.1\.2019|\[1\]/);
  });

  it("reads HTML saved from EUR-Lex: points in table rows, the date of adoption under the title, notes and markers left out", async () => {
    const d = await readDocument(Buffer.from(EURLEX), "resolution.html");
    expect(d).toMatchObject({ dateText: "13 December 2011", year: 2011, reference: "OJ 2012/C 5/01", kind: "resolution" });
    expect(d.title).toMatch(/^COUNCIL RESOLUTION of 13 December 2011 on the future of customs law enforcement cooperation/i);
    expect(labels(d)).toEqual(expect.arrayContaining(["RECALLING 1", "RECALLING 2", "HEREBY RESOLVES 1"]));
    expect(d.passages.find((p) => p.label === "RECALLING 1")!.text).toBe("the Stockholm Programme, adopted in December 2009;");
    expect(text(d)).not.toContain("OJ C 115");
  });

  it("mends a text export's numbering: alone on a line, no space after it, a tab after it", () => {
    const d = parseDocument(Buffer.from(TEXT_EXPORT), "resolution.txt");
    expect(labels(d)).toEqual(["HEREBY ADOPTS THIS RESOLUTION 1", "HEREBY ADOPTS THIS RESOLUTION 2", "HEREBY ADOPTS THIS RESOLUTION 3", "ANNEX (a)", "ANNEX (b)"]);
    expect(d).toMatchObject({ title: "Council Resolution of 29 November 1996 on police/customs agreements", dateText: "29 November 1996", year: 1996 });
    expect(d.passages.find((p) => p.label.endsWith("3"))!.text).toBe("Where other agencies have competences, they should be associated.");
  });

  it("names what it found when it cannot label a file, and stores nothing", async () => {
    const bare = ["Notes from the meeting", "1.", "2.", "", "CUSTOMS MATTERS", "nothing else here"].join("\n");
    expect(describeFound(bare)).toMatch(/^found numbers on lines of their own at lines 2, 3; capitalised lines at lines 5 \(6 lines, \d+ words\)/);
    await expect(readDocument(Buffer.from("just some words\nwithout any numbering\n"), "minutes.txt")).rejects.toThrow(/No numbered paragraphs or headings could be labelled in minutes\.txt: found 3 lines and 6 words/);
    await expect(readDocument(Buffer.from("%PDF-1.4\nbroken"), "bad.pdf")).rejects.toThrow(InputError);
  });
});

for (const kind of databaseKinds) {
  describe(`importing every format on ${kind}`, () => {
    let rt: TestRuntime;
    beforeAll(async () => {
      rt = await testRuntime(kind);
    });
    afterAll(async () => {
      await closeKnowledgeBase(rt.store);
      await rt.dispose();
    });

    it("imports a PDF, a Word file and a EUR-Lex page, and answers from each by label and by words", async () => {
      const kb = await knowledgeBase(rt.store, rt.config);
      const now = new Date("2026-11-23T10:00:00Z");
      const pdf = await importDocument(kb, rt.store, registerPdf(), "register.pdf", { slug: "register" }, now, { actor: "cli", workingPartyId: null });
      const word = await importDocument(kb, rt.store, await wordFile(), "ipr.docx", { slug: "ipr" }, now, { actor: "cli", workingPartyId: null });
      const html = await importDocument(kb, rt.store, Buffer.from(EURLEX), "res.html", { slug: "res-2011" }, now, { actor: "cli", workingPartyId: null });
      expect([pdf.passages, word.labels, html.year]).toEqual([5, expect.any(Number), 2011]);
      expect((await askKnowledgeBase(kb, "point 3.(a) of the register document", "every")).answer.sources[0]).toMatchObject({ document: "register", label: "3.(a)" });
      expect((await askKnowledgeBase(kb, "what does the 2011 resolution say about sniffer dogs?", "every")).answer.sources[0]).toMatchObject({ document: "res-2011", label: "HEREBY RESOLVES 1" });
      expect((await askKnowledgeBase(kb, "training officers to spot counterfeit goods", "every")).answer.sources[0]).toMatchObject({ document: "ipr", label: "ANNEX 1" });
    });
  });
}
