// Renders the second blind test split's documents written in markup
// (data/eval-documents/test2/sources/*.src.txt, the markup of eval/tools/document-source.ts) into
// the files secretariats have: `@format eurlex` → EUR-Lex HTML, `@format docx` → Word,
// `@format register-pdf` → Council register PDF printed by Chromium (eval/test2/render-register-pdf.ts).
// `@output` names the file under data/eval-documents/test2/. The .txt and .md exports are written
// by hand and not made here.
//   npx tsx eval/test2/make-documents.ts [NAME.src.txt ...]
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { one, parseSource } from '../tools/document-source.ts';
import { renderEurLex } from '../tools/render-eurlex.ts';
import { renderWord } from '../tools/render-word.ts';
import { renderRegisterPdf } from './render-register-pdf.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../data/eval-documents/test2');
const sources = join(root, 'sources');

async function make(file: string): Promise<void> {
  const source = parseSource(readFileSync(join(sources, file), 'utf8'));
  const output = join(root, one(source, 'output'));
  const format = one(source, 'format');
  if (format === 'eurlex') writeFileSync(output, renderEurLex(source));
  else if (format === 'docx') writeFileSync(output, await renderWord(source, false));
  else if (format === 'register-pdf') writeFileSync(output, await renderRegisterPdf(source));
  else throw new Error(`${file}: unknown @format '${format}'`);
  console.log(`${file} → test2/${one(source, 'output')}`);
}

const wanted = process.argv.slice(2);
for (const file of readdirSync(sources).filter((f) => f.endsWith('.src.txt')).sort()) {
  if (wanted.length === 0 || wanted.includes(file)) await make(file);
}
