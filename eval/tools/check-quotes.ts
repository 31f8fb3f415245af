// Checks the evaluation question files written for issue 12 part 5 before anything is measured:
// every field is one the format allows, every `quote` (and every `also` quote) is 6–15 words and a
// verbatim substring of its document's text, ignoring whitespace only (a quote may cross a line
// break or a page break in the source), and unanswerable items carry no doc/label/quote.
// Text comes from the project's own libraries where present (a PDF library, mammoth), else from
// `pdftotext` and the .docx's XML read with adm-zip. Prints counts by kind; exits 1 on any fault.
//   npx tsx eval/tools/check-quotes.ts [FILE.yaml ...]   (default: every eval/dev/*.yaml)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import AdmZip from 'adm-zip';
import { parse } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const KINDS = ['label', 'paraphrase', 'typo', 'list', 'acronym', 'doc', 'missing-label', 'unanswerable'];
const BUNDLED: Record<string, string> = {
  '1997-programme': '1997-strategic-action-programme-customs.txt',
  '2009-resolution': '2009-council-resolution-reinforced-strategy-customs-cooperation.txt',
  '2009-strategy': '2009-revised-strategy-customs-cooperation-third-pillar.txt',
  '2012-strategy': '2012-strategy-future-customs-law-enforcement-cooperation.txt',
  '2023-resolution': '2023-council-resolution-customs-law-enforcement-internal-security.txt',
};

interface Ref {
  doc?: unknown;
  label?: unknown;
  quote?: unknown;
}
interface Item extends Ref {
  q?: unknown;
  also?: unknown;
  answerable?: unknown;
  kind?: unknown;
}

async function tryImport(name: string): Promise<Record<string, unknown> | undefined> {
  try {
    return (await import(name)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function decodeHtml(html: string): string {
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
  const unpdf = await tryImport('unpdf');
  if (unpdf && typeof unpdf.extractText === 'function') {
    const result = (await (unpdf.extractText as (d: Uint8Array, o: object) => Promise<{ text: string | string[] }>)(
      new Uint8Array(readFileSync(file)),
      { mergePages: true },
    )) as { text: string | string[] };
    return Array.isArray(result.text) ? result.text.join('\n') : result.text;
  }
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

async function docxText(file: string): Promise<string> {
  const mammoth = await tryImport('mammoth');
  const extract = (mammoth?.default as Record<string, unknown> | undefined)?.extractRawText ?? mammoth?.extractRawText;
  if (typeof extract === 'function') {
    const result = (await (extract as (o: object) => Promise<{ value: string }>)({ path: file })) as { value: string };
    return result.value;
  }
  const xml = new AdmZip(file).readAsText('word/document.xml');
  return decodeHtml(xml.replace(/<\/w:p>/g, '\n').replace(/<w:tab\/>/g, '\t'));
}

function documentFile(doc: string): string | undefined {
  const bundled = BUNDLED[doc];
  if (bundled) return join(root, 'data/corpus', bundled);
  // every split folder (dev, test2, …); sources/ holds markup, not documents
  for (const split of readdirSync(join(root, 'data/eval-documents')).filter((d) => d !== 'sources')) {
    const dir = join(root, 'data/eval-documents', split);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) continue;
    const hit = readdirSync(dir).find((f) => f.slice(0, f.length - extname(f).length) === doc);
    if (hit) return join(dir, hit);
  }
  return undefined;
}

const texts = new Map<string, string | undefined>();
async function documentText(doc: string): Promise<string | undefined> {
  if (texts.has(doc)) return texts.get(doc);
  const file = documentFile(doc);
  let text: string | undefined;
  if (file) {
    const ext = extname(file).toLowerCase();
    if (ext === '.pdf') text = await pdfText(file);
    else if (ext === '.docx') text = await docxText(file);
    else if (ext === '.html' || ext === '.htm') text = decodeHtml(readFileSync(file, 'utf8'));
    else text = readFileSync(file, 'utf8');
  }
  const squeezed = text?.replace(/\s+/g, '');
  texts.set(doc, squeezed);
  return squeezed;
}

async function checkRef(ref: Ref, where: string, faults: string[]): Promise<void> {
  if (typeof ref.doc !== 'string' || typeof ref.label !== 'string' || typeof ref.quote !== 'string') {
    faults.push(`${where}: doc, label and quote must be strings`);
    return;
  }
  const words = ref.quote.trim().split(/\s+/).length;
  if (words < 6 || words > 15) faults.push(`${where}: quote has ${words} words (6-15): "${ref.quote}"`);
  const text = await documentText(ref.doc);
  if (text === undefined) faults.push(`${where}: no document '${ref.doc}'`);
  else if (!text.includes(ref.quote.replace(/\s+/g, ''))) faults.push(`${where}: quote not in ${ref.doc}: "${ref.quote}"`);
}

async function checkFile(file: string, counts: Map<string, number>): Promise<string[]> {
  const faults: string[] = [];
  const items = parse(readFileSync(file, 'utf8')) as Item[];
  if (!Array.isArray(items)) return [`${file}: not a YAML list`];
  const seen = new Set<string>();
  for (const [i, item] of items.entries()) {
    const where = `${file}#${i + 1}`;
    for (const key of Object.keys(item)) {
      if (!['q', 'doc', 'label', 'quote', 'also', 'answerable', 'kind'].includes(key)) faults.push(`${where}: unknown key ${key}`);
    }
    if (typeof item.q !== 'string' || item.q.trim() === '') faults.push(`${where}: q missing`);
    else if (seen.has(item.q)) faults.push(`${where}: duplicate question "${item.q}"`);
    else seen.add(item.q);
    if (typeof item.kind !== 'string' || !KINDS.includes(item.kind)) faults.push(`${where}: kind must be one of ${KINDS.join(', ')}`);
    counts.set(String(item.kind), (counts.get(String(item.kind)) ?? 0) + 1);
    if (item.answerable === false) {
      if (item.doc !== undefined || item.label !== undefined || item.quote !== undefined || item.also !== undefined)
        faults.push(`${where}: an unanswerable question has no doc/label/quote/also`);
      if (item.kind !== 'unanswerable' && item.kind !== 'missing-label') faults.push(`${where}: answerable false needs kind unanswerable or missing-label`);
      continue;
    }
    if (item.answerable !== undefined) faults.push(`${where}: answerable is only written as false`);
    if (item.kind === 'unanswerable' || item.kind === 'missing-label') faults.push(`${where}: kind ${String(item.kind)} needs answerable: false`);
    await checkRef(item, where, faults);
    if (item.also !== undefined) {
      if (!Array.isArray(item.also)) faults.push(`${where}: also must be a list`);
      else for (const [j, other] of (item.also as Ref[]).entries()) await checkRef(other, `${where} also#${j + 1}`, faults);
    }
  }
  return faults;
}

const files = process.argv.slice(2);
if (files.length === 0) {
  const dev = join(root, 'eval/dev');
  files.push(...readdirSync(dev).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(dev, f)));
}
let failed = false;
for (const file of files) {
  if (!existsSync(file)) {
    console.log(`${file}: missing`);
    failed = true;
    continue;
  }
  const counts = new Map<string, number>();
  const faults = await checkFile(file, counts);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  console.log(`${file}: ${total} questions; ${[...counts].sort().map(([k, n]) => `${k} ${n}`).join(', ')}`);
  for (const fault of faults) console.log('  ' + fault);
  if (faults.length > 0) failed = true;
}
process.exit(failed ? 1 : 0);
