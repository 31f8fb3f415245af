// The small markup the evaluation documents are written in (data/eval-documents/sources/*.src.txt),
// read once here and rendered by eval/tools/make-documents.ts into the layouts secretariats have:
// EUR-Lex HTML, Council register PDF (via .docx and LibreOffice) and Word files.
//
//   @key value            metadata (repeatable keys, such as @title or @code, keep every value)
//   # Heading             a heading line (bold in Word/PDF, its own paragraph in HTML)
//   1. text / (a) text    a point: the marker is kept exactly as written; leading spaces nest it
//   - text                an indented dash item
//   [[PAGE]]              a page break (Word/PDF only)
//   [^n] / [^n]: text     footnote marker / footnote text
// Paragraphs are separated by blank lines.

export interface Block {
  kind: 'heading' | 'para' | 'point' | 'dash' | 'page';
  marker: string;
  indent: number;
  text: string;
}

export interface DocumentSource {
  meta: Map<string, string[]>;
  blocks: Block[];
  footnotes: Map<string, string>;
}

const POINT = /^(\d+(?:\.\d+)*\.|\d+\.\d+|\(\w{1,4}\)|[a-z]\)|[ivx]+\)|[A-Z]\.|[ivx]+\.)\s+(.*)$/;

export function parseSource(text: string): DocumentSource {
  const meta = new Map<string, string[]>();
  const footnotes = new Map<string, string>();
  const blocks: Block[] = [];
  for (const raw of text.split(/\n\s*\n/)) {
    const chunk = raw.replace(/\s+$/, '');
    if (chunk.trim() === '') continue;
    const lines = chunk.split('\n');
    if (lines.every((l) => l.startsWith('@'))) {
      for (const line of lines) {
        const m = /^@(\S+)\s*(.*)$/.exec(line);
        if (!m) continue;
        const values = meta.get(m[1]!) ?? [];
        values.push(m[2]!);
        meta.set(m[1]!, values);
      }
      continue;
    }
    if (lines.every((l) => /^\[\^\w+\]:/.test(l))) {
      for (const line of lines) {
        const m = /^\[\^(\w+)\]:\s*(.*)$/.exec(line)!;
        footnotes.set(m[1]!, m[2]!);
      }
      continue;
    }
    const indent = /^ */.exec(chunk)![0].length;
    const body = lines.map((l) => l.trim()).join(' ');
    if (body === '[[PAGE]]') blocks.push({ kind: 'page', marker: '', indent, text: '' });
    else if (body.startsWith('# ')) blocks.push({ kind: 'heading', marker: '', indent, text: body.slice(2) });
    else if (body.startsWith('- ')) blocks.push({ kind: 'dash', marker: '–', indent, text: body.slice(2) });
    else {
      const m = POINT.exec(body);
      if (m) blocks.push({ kind: 'point', marker: m[1]!, indent, text: m[2]! });
      else blocks.push({ kind: 'para', marker: '', indent, text: body });
    }
  }
  return { meta, blocks, footnotes };
}

export function one(source: DocumentSource, key: string, fallback = ''): string {
  return source.meta.get(key)?.[0] ?? fallback;
}

export function all(source: DocumentSource, key: string): string[] {
  return source.meta.get(key) ?? [];
}
