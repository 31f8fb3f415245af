// The plain text of a test2 evaluation document, for checking quotes (eval/test2/check-quotes.ts)
// and for reading a rendered file back: PDF through pdfjs-dist (the text a PDF reader gives),
// .docx through mammoth, HTML with tags removed and entities decoded, .txt/.md as they are.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import mammoth from 'mammoth';

export function decodeHtml(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

async function pdfText(file: string): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
  }
  return pages.join('\n');
}

export async function documentText(file: string): Promise<string> {
  const ext = extname(file).toLowerCase();
  if (ext === '.pdf') return pdfText(file);
  if (ext === '.docx') return (await mammoth.extractRawText({ path: file })).value;
  if (ext === '.html' || ext === '.htm') return decodeHtml(readFileSync(file, 'utf8'));
  return readFileSync(file, 'utf8');
}

// npx tsx eval/test2/document-text.ts FILE — prints the text, to see what a reader gets
if (process.argv[1]?.endsWith('document-text.ts') && process.argv[2]) console.log(await documentText(process.argv[2]));
