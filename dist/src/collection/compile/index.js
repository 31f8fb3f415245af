/**
 * Compiling a collection: loads it and its objectives' passages, builds the document model, and
 * writes the .docx and Markdown files side by side. Files go to `outDir`, by default `reports/`
 * beside the SQLite database (data/reports/ for the default data/secretariat.db) or, on
 * PostgreSQL, secretariat-reports/ in the system's temporary directory.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { civilDay } from "../schedule.js";
import { loadSnapshot } from "../snapshot.js";
import { renderMarkdown } from "./markdown.js";
import { buildProgressDocument, objectiveKey } from "./model.js";
export { buildProgressDocument } from "./model.js";
export { renderMarkdown } from "./markdown.js";
/** Where compiled reports go unless a directory is given. */
export function defaultReportsDir(store) {
    return store.target.kind === "sqlite" ? path.join(path.dirname(store.target.file), "reports") : path.join(os.tmpdir(), "secretariat-reports");
}
/** The passages behind every objective the snapshot's actions link to. */
export async function loadObjectivePassages(db, s) {
    const links = s.actions.flatMap((a) => a.objectives);
    const out = new Map();
    if (links.length === 0)
        return out;
    const rows = await db.passage.findMany({
        where: { document: { slug: { in: [...new Set(links.map((l) => l.documentSlug))] } }, label: { in: [...new Set(links.map((l) => l.label))] } },
        include: { document: { select: { slug: true, title: true } } },
        orderBy: { ord: "asc" },
    });
    // A label may repeat within a document (a heading and its body); the first, in document order, names it.
    for (const p of rows) {
        const key = objectiveKey(p.document.slug, p.label);
        if (!out.has(key))
            out.set(key, p);
    }
    return out;
}
/** Compiles collection `collectionId` into `outDir` (created if missing). */
export async function compileCollection(store, collectionId, now, outDir = defaultReportsDir(store)) {
    const snap = await loadSnapshot(store.db, collectionId);
    const document = buildProgressDocument(snap, await loadObjectivePassages(store.db, snap), now);
    const base = `${snap.workingParty.code}-plan-${snap.plan.number}-progress-report-${civilDay(now, snap.workingParty.timeZone)}`.replace(/[^A-Za-z0-9._-]/g, "_");
    fs.mkdirSync(outDir, { recursive: true });
    const docx = path.resolve(outDir, `${base}.docx`);
    const markdown = path.resolve(outDir, `${base}.md`);
    // The docx library is large; load it only when a report is compiled (keeps every other command lean).
    const { renderDocx } = await import("./docx.js");
    const bytes = await renderDocx(document);
    // Written under a temporary name and renamed, so a reader never sees half a file.
    writeAtomic(docx, bytes);
    writeAtomic(markdown, renderMarkdown(document));
    return { docx, markdown, document };
}
function writeAtomic(file, data) {
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
}
