// Prints the passages the importer makes of a document, label and first words each, to check
// labels by eye against the document's own numbering.
//   npx tsx eval/tools/print-labels.ts FILE [...]
import fs from "node:fs";
import path from "node:path";
import { readDocument } from "../../src/knowledge/import/read-document.ts";

for (const file of process.argv.slice(2)) {
  const d = await readDocument(fs.readFileSync(file), path.basename(file), { slug: path.basename(file).replace(/\.[^.]+$/, "") });
  console.log(`== ${file}: ${d.title} (${d.year ?? "no year"}), ${d.passages.length} passages`);
  for (const p of d.passages) console.log(`${p.label.padEnd(28)} ${p.text.replace(/\s+/g, " ").slice(0, 90)}`);
}
