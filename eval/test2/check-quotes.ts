// Checks eval/test2/questions.yaml before anything is measured, by the rules of
// eval/tools/check-quotes.ts: known keys and kinds, no duplicate questions, unanswerable items carry
// no doc/label/quote, every answerable item names a test2 document and a label, and every quote
// (and every `also` quote) is 6–15 words and a verbatim substring of its document's text, ignoring
// whitespace only. Text as a reader gets it (eval/test2/document-text.ts). Prints counts by kind
// and by document; exits 1 on any fault.
//   npx tsx eval/test2/check-quotes.ts [FILE.yaml]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { documentText } from './document-text.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dir = join(root, 'data/eval-documents/test2');
const KINDS = ['label', 'paraphrase', 'typo', 'list', 'acronym', 'doc', 'missing-label', 'unanswerable'];

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

const texts = new Map<string, string | undefined>();
async function text(doc: string): Promise<string | undefined> {
  if (!texts.has(doc)) {
    const file = readdirSync(dir).find((f) => f.slice(0, f.length - extname(f).length) === doc);
    texts.set(doc, file ? (await documentText(join(dir, file))).replace(/\s+/g, '') : undefined);
  }
  return texts.get(doc);
}

async function checkRef(ref: Ref, where: string, faults: string[]): Promise<void> {
  if (typeof ref.doc !== 'string' || typeof ref.label !== 'string' || typeof ref.quote !== 'string') {
    faults.push(`${where}: doc, label and quote must be strings`);
    return;
  }
  const words = ref.quote.trim().split(/\s+/).length;
  if (words < 6 || words > 15) faults.push(`${where}: quote has ${words} words (6-15): "${ref.quote}"`);
  const body = await text(ref.doc);
  if (body === undefined) faults.push(`${where}: no document '${ref.doc}' in data/eval-documents/test2/`);
  else if (!body.includes(ref.quote.replace(/\s+/g, ''))) faults.push(`${where}: quote not in ${ref.doc}: "${ref.quote}"`);
}

const file = process.argv[2] ?? join(root, 'eval/test2/questions.yaml');
if (!existsSync(file)) {
  console.log(`${file}: missing`);
  process.exit(1);
}
const items = parse(readFileSync(file, 'utf8')) as Item[];
const faults: string[] = [];
const byKind = new Map<string, number>();
const byDoc = new Map<string, number>();
const seen = new Set<string>();
for (const [i, item] of items.entries()) {
  const where = `#${i + 1}`;
  for (const key of Object.keys(item)) if (!['q', 'doc', 'label', 'quote', 'also', 'answerable', 'kind'].includes(key)) faults.push(`${where}: unknown key ${key}`);
  if (typeof item.q !== 'string' || item.q.trim() === '') faults.push(`${where}: q missing`);
  else if (seen.has(item.q.toLowerCase())) faults.push(`${where}: duplicate question "${item.q}"`);
  else seen.add(item.q.toLowerCase());
  if (typeof item.kind !== 'string' || !KINDS.includes(item.kind)) faults.push(`${where}: kind must be one of ${KINDS.join(', ')}`);
  byKind.set(String(item.kind), (byKind.get(String(item.kind)) ?? 0) + 1);
  if (item.answerable === false) {
    if (item.doc !== undefined || item.label !== undefined || item.quote !== undefined || item.also !== undefined) faults.push(`${where}: an unanswerable question has no doc/label/quote/also`);
    if (item.kind !== 'unanswerable' && item.kind !== 'missing-label') faults.push(`${where}: answerable false needs kind unanswerable or missing-label`);
    continue;
  }
  if (item.answerable !== undefined) faults.push(`${where}: answerable is only written as false`);
  if (item.kind === 'unanswerable' || item.kind === 'missing-label') faults.push(`${where}: kind ${String(item.kind)} needs answerable: false`);
  byDoc.set(String(item.doc), (byDoc.get(String(item.doc)) ?? 0) + 1);
  await checkRef(item, where, faults);
  if (item.also !== undefined) {
    if (!Array.isArray(item.also)) faults.push(`${where}: also must be a list`);
    else for (const [j, other] of (item.also as Ref[]).entries()) await checkRef(other, `${where} also#${j + 1}`, faults);
  }
}
const answerable = [...byDoc.values()].reduce((a, b) => a + b, 0);
console.log(`${file}: ${items.length} questions, ${answerable} answerable, ${items.length - answerable} not`);
console.log(`by kind: ${[...byKind].sort().map(([k, n]) => `${k} ${n}`).join(', ')}`);
console.log(`answerable by document: ${[...byDoc].sort().map(([k, n]) => `${k} ${n}`).join(', ')}`);
for (const fault of faults) console.log('  ' + fault);
process.exit(faults.length > 0 ? 1 : 0);
