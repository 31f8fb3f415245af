// Word files in the Council's layouts, written with the project's `docx` library. With `register`
// set, the first page carries the register block (Council of the European Union, "Brussels, <date>",
// the reference and its codes, the document kind, From/To/No. prev. doc./Subject) and every page a
// footer with the reference, the author's initials, the page number and the unit: LibreOffice
// turns that file into the register-style PDF. Without it, a plain secretariat Word file.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  FootnoteReferenceRun,
  Header,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from 'docx';
import type { DocumentSource } from './document-source.ts';
import { all, one } from './document-source.ts';

const FONT = 'Times New Roman';
const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };

function runs(text: string, footnoteIds: Map<string, number>, bold = false): (TextRun | FootnoteReferenceRun)[] {
  const out: (TextRun | FootnoteReferenceRun)[] = [];
  for (const part of text.split(/(\[\^\w+\])/)) {
    const m = /^\[\^(\w+)\]$/.exec(part);
    if (m && footnoteIds.has(m[1]!)) out.push(new FootnoteReferenceRun(footnoteIds.get(m[1]!)!));
    else if (part !== '') out.push(new TextRun({ text: part, bold, font: FONT, size: 24 }));
  }
  return out;
}

function cell(lines: string[], opts: { bold?: boolean; right?: boolean; width: number }): TableCell {
  return new TableCell({
    width: { size: opts.width, type: WidthType.PERCENTAGE },
    borders: { top: none, bottom: none, left: none, right: none },
    children: lines.map(
      (line) =>
        new Paragraph({
          alignment: opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text: line, bold: opts.bold, font: FONT, size: 24 })],
        }),
    ),
  });
}

function registerBlock(source: DocumentSource): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  out.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: noBorders,
      rows: [
        new TableRow({
          children: [
            cell(['Council of the', 'European Union'], { bold: true, width: 50 }),
            cell([one(source, 'brussels'), '(OR. en)'], { right: true, width: 50 }),
          ],
        }),
      ],
    }),
  );
  out.push(new Paragraph({ text: '' }));
  const codes = all(source, 'code');
  out.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: noBorders,
      rows: [
        new TableRow({
          children: [
            cell([''], { width: 50 }),
            cell([one(source, 'ref'), ...(one(source, 'limite') ? ['', 'LIMITE'] : []), '', ...codes], {
              bold: true,
              width: 50,
            }),
          ],
        }),
      ],
    }),
  );
  out.push(new Paragraph({ text: '' }));
  out.push(new Paragraph({ children: [new TextRun({ text: one(source, 'kind', 'NOTE'), bold: true, font: FONT, size: 28 })] }));
  const rows: [string, string][] = [];
  for (const [key, label] of [
    ['from', 'From:'],
    ['to', 'To:'],
    ['prev', 'No. prev. doc.:'],
    ['subject', 'Subject:'],
  ] as const) {
    const values = all(source, key);
    if (values.length > 0) rows.push([label, values.join('\n')]);
  }
  out.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: { ...noBorders, top: { style: BorderStyle.SINGLE, size: 6, color: '000000' }, bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000' } },
      rows: rows.map(
        ([label, value]) =>
          new TableRow({ children: [cell([label], { width: 22 }), cell(value.split('\n'), { width: 78, bold: label === 'Subject:' })] }),
      ),
    }),
  );
  out.push(new Paragraph({ text: '' }));
  return out;
}

function registerFooter(source: DocumentSource): Footer {
  const ref = one(source, 'ref');
  const tabs = [
    { type: TabStopType.CENTER, position: 4500 },
    { type: TabStopType.RIGHT, position: 9000 },
  ];
  const small = (text: string) => new TextRun({ text, font: FONT, size: 20 });
  return new Footer({
    children: [
      new Paragraph({
        tabStops: tabs,
        children: [small(ref), small('\t' + one(source, 'initials')), new TextRun({ children: ['\t', PageNumber.CURRENT], font: FONT, size: 20 })],
      }),
      new Paragraph({
        tabStops: tabs,
        children: [small(one(source, 'unit')), small('\t' + (one(source, 'limite') ? 'LIMITE' : '')), small('\tEN')],
      }),
    ],
  });
}

export async function renderWord(source: DocumentSource, register: boolean): Promise<Buffer> {
  const footnoteIds = new Map<string, number>();
  const footnotes: Record<number, { children: Paragraph[] }> = {};
  let next = 1;
  for (const [key, text] of source.footnotes) {
    footnoteIds.set(key, next);
    footnotes[next] = { children: [new Paragraph({ children: [new TextRun({ text, font: FONT, size: 20 })] })] };
    next += 1;
  }
  const children: (Paragraph | Table)[] = register ? registerBlock(source) : [];
  for (const title of all(source, 'title')) {
    children.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: runs(title, footnoteIds, true) }));
  }
  for (const block of source.blocks) {
    const left = 567 * (block.indent / 2);
    if (block.kind === 'page') children.push(new Paragraph({ children: [new PageBreak()] }));
    else if (block.kind === 'heading')
      children.push(new Paragraph({ spacing: { before: 240, after: 120 }, indent: { left }, children: runs(block.text, footnoteIds, true) }));
    else if (block.kind === 'para')
      children.push(new Paragraph({ spacing: { after: 120 }, alignment: AlignmentType.JUSTIFIED, indent: { left }, children: runs(block.text, footnoteIds) }));
    else
      children.push(
        new Paragraph({
          spacing: { after: 120 },
          alignment: AlignmentType.JUSTIFIED,
          indent: { left: left + 567, hanging: 567 },
          tabStops: [{ type: TabStopType.LEFT, position: left + 567 }],
          children: [new TextRun({ text: block.marker + '\t', font: FONT, size: 24 }), ...runs(block.text, footnoteIds)],
        }),
      );
  }
  const headerText = one(source, 'header');
  const doc = new Document({
    creator: one(source, 'creator', 'General Secretariat of the Council'),
    title: one(source, 'doc-title', all(source, 'title').join(' ')),
    footnotes,
    sections: [
      {
        properties: { page: { margin: { top: 1134, bottom: 1134, left: 1418, right: 1418 } } },
        headers: headerText ? { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: headerText, font: FONT, size: 20 })] })] }) } : undefined,
        footers: register ? { default: registerFooter(source) } : undefined,
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
