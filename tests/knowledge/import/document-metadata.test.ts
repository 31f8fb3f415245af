import { describe, expect, it } from "vitest";
import { kindOf } from "../../../src/knowledge/import/document-metadata.ts";
import { parseDocument } from "../../../src/knowledge/import/parse-document.ts";
import { readDocument } from "../../../src/knowledge/import/read-document.ts";
import { lines, makePdf, type PdfText } from "../fixtures/make-pdf.ts";

const meta = (d: { title: string; year: number | null; reference: string | null; dateText: string | null }) => ({ title: d.title, year: d.year, reference: d.reference, dateText: d.dateText });
const utf8 = (s: string) => new TextEncoder().encode(s);

/** A Council register cover: the date beside the Council's name, the reference block, then the fields in two columns ("Subject:" in the left one). */
function coverPdf(fields: [string, string[]][], body: string[]): Uint8Array {
  const runs: PdfText[] = [
    ...lines(["Council of the", "European Union"], 800),
    { text: "Brussels, 10 June 2015", x: 380, y: 800, size: 11 },
    ...lines(["9798/15", "", "JAI 442", "COSI 67", "", "NOTE"], 760),
  ];
  let y = 660;
  for (const [label, values] of fields) {
    runs.push({ text: label, x: 72, y, size: 11 });
    values.forEach((v, i) => runs.push({ text: v, x: 180, y: y - i * 15, size: 11 }));
    y -= values.length * 15;
  }
  runs.push(...lines(body, y - 15));
  return makePdf([runs]);
}

describe("metadata read from the document", () => {
  it("cuts the Official Journal reference (C I series) and what follows out of a EUR-Lex page's title line, and takes the year from it", async () => {
    const html = `<html><body>
<p>EUR-Lex Access to European Union law</p>
<p>Document 52021XG0324(01)</p>
<p>EU Drugs Strategy 2021-2025 2021/C 102 I/01 INTRODUCTION – Aim, foundations and approach</p>
<p>OJ C 102I, 24.3.2021, p. 1–14</p>
<p>24.3.2021 EN Official Journal of the European Union CI 102/1</p>
<p>EU Drugs Strategy 2021-2025</p>
<p>(2021/C 102 I/01)</p>
<p>INTRODUCTION – Aim, foundations and approach</p>
<p>1. The EU Drugs Strategy 2021-2025 provides the overarching political framework for the period 2021-2025.</p>
<p>2. The Strategy aims to protect and improve the well-being of society.</p>
</body></html>`;
    const d = await readDocument(utf8(html), "drugs.html");
    expect(meta(d)).toEqual({ title: "EU Drugs Strategy 2021-2025", year: 2021, reference: "OJ 2021/C 102 I/01", dateText: null });
    expect(d.kind).toBe("strategy");
  });

  it("dates a convention by where it was signed, under its title", () => {
    const text = [
      "CONVENTION ON MUTUAL ASSISTANCE AND COOPERATION BETWEEN CUSTOMS ADMINISTRATIONS",
      "",
      "(Naples II, signed at Brussels on 18 December 1997; OJ C 24, 23.1.1998, p. 2 — extracts)",
      "",
      "THE HIGH CONTRACTING PARTIES to this Convention,",
      "",
      "HAVE AGREED AS FOLLOWS:",
      "",
      "Article 1",
      "",
      "1. The Member States shall provide each other with mutual assistance.",
      "",
      "2. This Convention shall not affect mutual assistance in criminal matters.",
    ].join("\n");
    expect(meta(parseDocument(utf8(text), "convention.txt"))).toMatchObject({ year: 1997, dateText: "18 December 1997" });
  });

  it("dates an agreement by the \"Done at\" line above its signatures, at its end", () => {
    const points = Array.from({ length: 70 }, (_, i) => `${i + 1}. The Parties shall cooperate on point ${i + 1}.\n`);
    const text = ["AGREEMENT BETWEEN CUSTOMS ADMINISTRATIONS", "", ...points, "Done at Luxembourg, 26 July 1995.", "", "For the Parties"].join("\n");
    expect(meta(parseDocument(utf8(text), "agreement.txt"))).toMatchObject({ year: 1995, dateText: "26 July 1995" });
  });

  it("reads a register subject set on two lines beside \"Subject:\", without the paragraph under it", async () => {
    const pdf = coverPdf(
      [["From:", ["Presidency"]], ["To:", ["Council"]], ["Subject:", ["Draft Council Conclusions on the Renewed European Union", "Internal Security Strategy 2015-2020"]]],
      ["The Council is invited to approve the draft Council Conclusions as set out in the Annex.", "", "1. The Council recalls the Stockholm Programme."],
    );
    const d = await readDocument(pdf, "st09798-en15.pdf");
    expect(meta(d)).toEqual({ title: "Draft Council Conclusions on the Renewed European Union Internal Security Strategy 2015-2020", year: 2015, reference: "9798/15 JAI 442 COSI 67", dateText: "10 June 2015" });
    // conclusions on a strategy are not the strategy
    expect(d.kind).toBe("other");
  });

  it("takes a register PDF's title from its subject even when the subject names no strategy, not from the file name", async () => {
    const pdf = coverPdf(
      [["From:", ["Presidency"]], ["No. prev. doc.:", ["14884/15"]], ["Subject:", ["Summary Report of the National EMPACT Coordinators (NEC)", "Meeting held at Europol Headquarters on 24, 25 and 26 May 2016"]]],
      ["1. Introduction", "", "This document is a summary of the proceedings of the meeting."],
    );
    const d = await readDocument(pdf, "st09927-re01-en16.pdf");
    expect(d.title).toBe("Summary Report of the National EMPACT Coordinators (NEC) Meeting held at Europol Headquarters on 24, 25 and 26 May 2016");
  });

  it("names conclusions by their kind, not by the strategy or action plan they are on", () => {
    expect(kindOf("Council Conclusions on the Renewed European Union Internal Security Strategy 2015-2020")).toBe("other");
    expect(kindOf("Council Conclusions on the EU Customs Action Plan to combat IPR infringements")).toBe("programme");
    expect(kindOf("Council Resolution on a strategy for the Customs Union")).toBe("resolution");
  });

  it("keeps a one-line subject and its \"- Draft Resolution\" continuation in a text export", () => {
    const text = ["14252/09", "ENFOCUSTOM 100", "", "Subject: Strategic action programme for customs", "- Draft Resolution", "", "1. The Council adopts the programme.", "", "2. It shall be reviewed."].join("\n");
    expect(parseDocument(utf8(text), "programme.txt").title).toBe("Strategic action programme for customs – Draft Resolution");
  });
});
