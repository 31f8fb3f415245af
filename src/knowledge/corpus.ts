/**
 * The bundled corpus (data/corpus) and the seeder that imports it into an empty database. Slugs
 * are fixed: plan files and action objectives refer to passages by (slug, label).
 */
import { projectPath } from "../config/paths.ts";
import fs from "node:fs";
import path from "node:path";
import type { Seeder } from "../store/seeder.ts";
import { documentExists, storeDocument } from "../store/documents.ts";
import { parseDocument } from "./import/parse-document.ts";

/** Where the bundled documents live. */
export const CORPUS_DIR = projectPath("data", "corpus");

/** Bundled slug → file in data/corpus. */
export const BUNDLED_DOCUMENTS: Readonly<Record<string, string>> = {
  "1997-programme": "1997-strategic-action-programme-customs.txt",
  "2009-resolution": "2009-council-resolution-reinforced-strategy-customs-cooperation.txt",
  "2009-strategy": "2009-revised-strategy-customs-cooperation-third-pillar.txt",
  "2012-strategy": "2012-strategy-future-customs-law-enforcement-cooperation.txt",
  "2023-resolution": "2023-council-resolution-customs-law-enforcement-internal-security.txt",
};

/** The 2012 strategy states no Council reference of its own; the corpus README gives its status. */
const KNOWN_REFERENCES: Readonly<Record<string, string>> = { "2012-strategy": "CCWP agreed 14 November 2012" };

/** Imports the five bundled documents (run once per database, after the working party). */
export const corpusSeeder: Seeder = {
  name: "corpus",
  async run(db) {
    for (const [slug, file] of Object.entries(BUNDLED_DOCUMENTS)) {
      if (await documentExists(db, slug)) continue;
      const doc = parseDocument(fs.readFileSync(path.join(CORPUS_DIR, file)), file, { slug, reference: KNOWN_REFERENCES[slug] });
      await storeDocument(db, doc);
    }
  },
};
