// Renders the evaluation documents written in markup (data/eval-documents/sources/*.src.txt) into
// the files secretariats have: `@format eurlex` → EUR-Lex HTML, `@format docx` → Word,
// `@format register-pdf` → Word in the Council register layout, converted to PDF with LibreOffice
// (`libreoffice --headless --convert-to pdf`). `@output` names the file under data/eval-documents/.
// The text exports (.txt, .md) are written by hand and not made here.
//   npx tsx eval/tools/make-documents.ts [NAME.src.txt ...]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { one, parseSource } from './document-source.ts';
import { renderEurLex } from './render-eurlex.ts';
import { renderWord } from './render-word.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../data/eval-documents');
const sources = join(root, 'sources');

async function make(file: string): Promise<void> {
  const source = parseSource(readFileSync(join(sources, file), 'utf8'));
  const output = join(root, one(source, 'output'));
  const format = one(source, 'format');
  if (format === 'eurlex') writeFileSync(output, renderEurLex(source));
  else if (format === 'docx') writeFileSync(output, await renderWord(source, false));
  else if (format === 'register-pdf') {
    const work = mkdtempSync(join(tmpdir(), 'eval-doc-'));
    const stem = basename(output).replace(/\.pdf$/, '');
    writeFileSync(join(work, stem + '.docx'), await renderWord(source, true));
    execFileSync('libreoffice', ['--headless', `-env:UserInstallation=file://${work}/profile`, '--convert-to', 'pdf', '--outdir', work, join(work, stem + '.docx')], {
      stdio: 'ignore',
    });
    renameSync(join(work, stem + '.pdf'), output);
    rmSync(work, { recursive: true, force: true });
  } else throw new Error(`${file}: unknown @format '${format}'`);
  console.log(`${file} → ${one(source, 'output')}`);
}

const wanted = process.argv.slice(2);
for (const file of readdirSync(sources).filter((f) => f.endsWith('.src.txt')).sort()) {
  if (wanted.length === 0 || wanted.includes(file)) await make(file);
}
