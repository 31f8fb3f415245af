/**
 * The progress report as a Word document (`docx` library), laid out in the manner of a Council note:
 * a cover block (working party, From/To/Subject, period, date), an overview table, one section per
 * strategy objective with each action's report, and the actions with no report.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ITableCellOptions,
} from "docx";
import { intro, receivedLine } from "./markdown.ts";
import { sourceLine, type ProgressDocument, type ReportedAction } from "./model.ts";

const FONT = "Times New Roman";
const GREY = "5A5A5A";
const RULE = { style: BorderStyle.SINGLE, size: 6, color: "1F3864", space: 4 } as const;
const NONE = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" } as const;
const THIN = { style: BorderStyle.SINGLE, size: 4, color: "A6A6A6" } as const;
const noBorders = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const gridBorders = { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN };

const cell = (children: Paragraph[], o: Partial<ITableCellOptions> = {}) =>
  new TableCell({ children, margins: { top: 60, bottom: 60, left: 100, right: 100 }, ...o });

const headCell = (text: string, width: number) =>
  cell([new Paragraph({ children: [new TextRun({ text, bold: true, size: 20 })] })], {
    width: { size: width, type: WidthType.PERCENTAGE },
    shading: { type: ShadingType.CLEAR, color: "auto", fill: "DCE3EE" },
  });

const bodyCell = (text: string, width: number, bold = false) =>
  cell([new Paragraph({ children: [new TextRun({ text, size: 20, bold })] })], { width: { size: width, type: WidthType.PERCENTAGE } });

function coverTable(d: ProgressDocument): Table {
  const row = (label: string, value: string, bold = false) =>
    new TableRow({
      children: [
        cell([new Paragraph({ children: [new TextRun({ text: label, bold: true })] })], { width: { size: 18, type: WidthType.PERCENTAGE } }),
        cell([new Paragraph({ children: [new TextRun({ text: value, bold })] })], { width: { size: 82, type: WidthType.PERCENTAGE } }),
      ],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: noBorders,
    rows: [
      row("From:", `Secretariat of the ${d.workingParty.code}`),
      row("To:", "Delegations"),
      row("Subject:", `Action plan ${d.plan.number} (${d.plan.title}): progress report on the actions`, true),
    ],
  });
}

function overviewTable(d: ProgressDocument): Table {
  const w = [12, 48, 20, 20];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: gridBorders,
    rows: [
      new TableRow({ tableHeader: true, children: ["Action", "Title", "Lead", "Status"].map((h, i) => headCell(h, w[i]!)) }),
      ...d.overview.map(
        (o) => new TableRow({ cantSplit: true, children: [bodyCell(o.code, w[0]!, true), bodyCell(o.title, w[1]!), bodyCell(o.lead, w[2]!), bodyCell(o.status, w[3]!)] }),
      ),
    ],
  });
}

/** One row of an action's table: a label and its paragraphs' runs. */
type RowSpec = [label: string, paragraphs: TextRun[][]];

/** Runs for text a lead typed: one paragraph per line, so their line breaks survive. */
const typed = (text: string, italics = false): TextRun[][] => text.split(/\r?\n/).map((l) => [new TextRun({ text: l, italics, size: 22 })]);

/**
 * An action's heading and table, kept on one page: Word and LibreOffice move a table whose rows
 * may not split and whose paragraphs are each kept with the next, rather than break it.
 */
function actionBlock(a: ReportedAction): (Paragraph | Table)[] {
  const specs: RowSpec[] = [
    ["Lead", typed(a.lead)],
    ["Status", [[new TextRun({ text: a.status, bold: true, size: 22 }), ...(a.late ? [new TextRun({ text: " (reported late)", italics: true, size: 22 })] : [])]]],
    ...(a.enteredBy ? [["Reported by", typed(a.enteredBy, true)] as RowSpec] : []),
    ...(a.alsoImplements.length ? [["Also implements", typed(a.alsoImplements.join(", "))] as RowSpec] : []),
    ["Summary", typed(a.summary)],
    ["Next steps", a.nextSteps ? typed(a.nextSteps) : typed("None given.", true)],
    ["Risks", a.risks ? typed(a.risks) : typed("None reported.", true)],
  ];
  const rows = specs.map(([label, paras], i) => {
    const keepNext = i < specs.length - 1;
    return new TableRow({
      cantSplit: true,
      children: [
        cell([new Paragraph({ keepNext, children: [new TextRun({ text: label, bold: true, size: 20 })] })], {
          width: { size: 20, type: WidthType.PERCENTAGE },
          shading: { type: ShadingType.CLEAR, color: "auto", fill: "F2F4F8" },
        }),
        cell(paras.map((children) => new Paragraph({ keepNext, spacing: { after: 60 }, children })), { width: { size: 80, type: WidthType.PERCENTAGE } }),
      ],
    });
  });
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, children: [new TextRun(`Action ${a.code}: ${a.title}`)] }),
    new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, borders: gridBorders, rows }),
    new Paragraph({ spacing: { after: 120 }, children: [] }),
  ];
}

/** Lays out the report and packs it into .docx bytes. */
export async function renderDocx(d: ProgressDocument): Promise<Buffer> {
  const body: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 60 }, children: [new TextRun(`Brussels, ${d.date}`)] }),
    // the document number and the classification line, where a Council note has them
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 60 }, children: [new TextRun({ text: d.reference, bold: true })] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 240 }, children: [new TextRun({ text: d.classification, bold: true, size: 26 })] }),
    new Paragraph({ spacing: { after: 40 }, children: [new TextRun({ text: d.workingParty.name, bold: true, allCaps: true, size: 22, color: "1F3864" })] }),
    new Paragraph({ border: { bottom: RULE }, spacing: { after: 360 }, children: [new TextRun({ text: `(${d.workingParty.code})`, size: 22, color: GREY })] }),
    new Paragraph({ alignment: AlignmentType.LEFT, spacing: { after: 240 }, children: [new TextRun({ text: "NOTE", bold: true, size: 32 })] }),
    coverTable(d),
    new Paragraph({ border: { bottom: RULE }, spacing: { after: 240 }, children: [] }),
    new Paragraph({ spacing: { after: 60 }, children: [new TextRun({ text: "Period of the plan: ", bold: true }), new TextRun(d.plan.period)] }),
    new Paragraph({ spacing: { after: 60 }, children: [new TextRun({ text: "Reports due: ", bold: true }), new TextRun(d.dueDate)] }),
    new Paragraph({
      spacing: { after: 240 },
      children: [new TextRun({ text: "Reports received: ", bold: true }), new TextRun(receivedLine(d))],
    }),
    new Paragraph({ spacing: { after: 240 }, children: [new TextRun(intro(d))] }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun("Overview")] }),
    overviewTable(d),
  ];
  for (const g of d.groups) {
    body.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        pageBreakBefore: body.length > 0 && g === d.groups[0],
        keepNext: true,
        children: [new TextRun(g.label ? `Objective ${g.label}: ${g.title}` : g.title)],
      }),
    );
    if (g.label) {
      if (g.text) {
        body.push(
          new Paragraph({
            indent: { left: 400, right: 400 },
            spacing: { after: 60 },
            keepNext: true,
            border: { left: { style: BorderStyle.SINGLE, size: 12, color: "A6A6A6", space: 8 } },
            children: [new TextRun({ text: g.text.length > 900 ? `${g.text.slice(0, 899)}…` : g.text, italics: true, size: 22 })],
          }),
        );
      }
      body.push(new Paragraph({ indent: { left: 400 }, spacing: { after: 200 }, keepNext: true, children: [new TextRun({ text: sourceLine(g), size: 18, color: GREY })] }));
    }
    for (const a of g.actions) body.push(...actionBlock(a));
  }
  body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, keepNext: true, children: [new TextRun("Actions with no report received")] }));
  if (d.unreported.length === 0) body.push(new Paragraph({ children: [new TextRun("A report was received for every action.")] }));
  else {
    const w = [12, 58, 30];
    body.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        borders: gridBorders,
        rows: [
          new TableRow({ tableHeader: true, children: ["Action", "Title", "Lead"].map((h, i) => headCell(h, w[i]!)) }),
          ...d.unreported.map((u) => new TableRow({ cantSplit: true, children: [bodyCell(u.code, w[0]!, true), bodyCell(u.title, w[1]!), bodyCell(u.lead, w[2]!)] })),
        ],
      }),
    );
  }
  const doc = new Document({
    creator: `Secretariat of the ${d.workingParty.code}`,
    title: `Action plan ${d.plan.number}: progress report`,
    description: `Progress reports on ${d.workingParty.code} action plan ${d.plan.number}, compiled ${d.date}`,
    styles: {
      default: { document: { run: { font: FONT, size: 24 }, paragraph: { spacing: { line: 264 } } } },
      paragraphStyles: [
        { id: "Heading1", name: "Heading 1", basedOn: "Normal", next: "Normal", quickFormat: true, run: { font: FONT, size: 28, bold: true, color: "1F3864" }, paragraph: { spacing: { before: 360, after: 160 }, keepNext: true } },
        { id: "Heading2", name: "Heading 2", basedOn: "Normal", next: "Normal", quickFormat: true, run: { font: FONT, size: 24, bold: true }, paragraph: { spacing: { before: 240, after: 100 }, keepNext: true } },
      ],
    },
    sections: [
      {
        properties: { page: { margin: { top: 1300, bottom: 1200, left: 1400, right: 1400 } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ text: `${d.workingParty.code} — action plan ${d.plan.number}: progress report — `, size: 18, color: GREY }),
                  new TextRun({ children: [PageNumber.CURRENT, " / ", PageNumber.TOTAL_PAGES], size: 18, color: GREY }),
                ],
              }),
            ],
          }),
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
