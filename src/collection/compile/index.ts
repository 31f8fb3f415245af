/**
 * Compiling a collection: loads it and its objectives' passages, builds the document model, and
 * writes the .docx and Markdown files side by side. Files go to `outDir`, by default `reports/`
 * beside the SQLite database (data/reports/ for the default data/secretariat.db) or, on
 * PostgreSQL, secretariat-reports/ in the system's temporary directory.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readableDocuments } from "../../knowledge/document-access.ts";
import type { Repositories, Store } from "../../store/index.ts";
import { civilDay } from "../schedule.ts";
import { loadSnapshot, type CollectionSnapshot } from "../snapshot.ts";
import { renderMarkdown } from "./markdown.ts";
import { buildProgressDocument, objectiveKey, type CompileFacts, type ObjectivePassages, type ProgressDocument, type ReportAuthors } from "./model.ts";

export { buildProgressDocument, type ProgressDocument } from "./model.ts";
export { renderMarkdown } from "./markdown.ts";

/** The files written. */
export interface CompiledReport {
  docx: string;
  markdown: string;
  document: ProgressDocument;
}

/** Where compiled reports go unless a directory is given. */
export function defaultReportsDir(store: Pick<Store, "target">): string {
  return store.target.kind === "sqlite" ? path.join(path.dirname(store.target.file), "reports") : path.join(os.tmpdir(), "secretariat-reports");
}

/** The passages behind every objective the snapshot's actions link to. */
export async function loadObjectivePassages(repos: Pick<Repositories, "documents">, s: CollectionSnapshot): Promise<ObjectivePassages> {
  const links = s.actions.flatMap((a) => a.objectives);
  const out: ObjectivePassages = new Map();
  // only documents the collection's working party may read are quoted (src/knowledge/document-access.ts)
  const readable = new Set((await readableDocuments(repos, s.workingParty.id)).map((d) => d.slug));
  const slugs = [...new Set(links.map((l) => l.documentSlug))].filter((slug) => readable.has(slug));
  if (slugs.length === 0) return out;
  const rows = await repos.documents.passagesLabelled(slugs, [...new Set(links.map((l) => l.label))]);
  // A label may repeat within a document (a heading and its body); the first, in document order, names it.
  for (const p of rows) {
    const key = objectiveKey(p.document.slug, p.label);
    if (!out.has(key)) out.set(key, p);
  }
  return out;
}

/** The cover lines a compile may be given; by default the bot's own number and LIMITE. */
export interface CoverOptions {
  /** the document number, e.g. the Council's "15198/26" once the note is registered */
  number?: string;
  /** the classification line; LIMITE (not for the public) unless the secretariat says otherwise */
  classification?: string;
}

/** Default classification: progress notes go to delegations, not to the public. */
export const DEFAULT_CLASSIFICATION = "LIMITE";

/** The bot's own document number for a collection's note: "CCWP/AP12/PR3". */
export const defaultReference = (s: CollectionSnapshot) => `${s.workingParty.code}/AP${s.plan.number}/PR${s.collection.id}`;

/** Which actions the bot asked (a request or a chase recorded in the outbox), and who entered each current report. */
export async function loadCompileFacts(repos: Pick<Repositories, "collections" | "deliveries">, s: CollectionSnapshot, cover: CoverOptions = {}): Promise<CompileFacts> {
  const prefix = `collect:${s.collection.id}:`;
  // keys: collect:<collection>:ask:<action>:<member>, collect:<collection>:chase:<action>:<member>:<tag>
  const asked = new Set((await repos.deliveries.requestKeys(prefix)).map((key) => Number(key.slice(prefix.length).split(":")[1])));
  const reports = [...s.reports.values()];
  const versions = await repos.collections.currentVersions(reports);
  const byReport = new Map(versions.map((v) => [v.reportId, v]));
  const authors: ReportAuthors = new Map();
  for (const r of reports) {
    const v = byReport.get(r.id);
    if (v) authors.set(r.actionId, { member: v.member, submittedBy: v.submittedBy });
  }
  return {
    asked,
    authors,
    reference: cover.number?.trim() || defaultReference(s),
    classification: cover.classification?.trim() || DEFAULT_CLASSIFICATION,
  };
}

/** Compiles collection `collectionId` into `outDir` (created if missing). */
export async function compileCollection(store: Store, collectionId: number, now: Date, outDir = defaultReportsDir(store), cover: CoverOptions = {}): Promise<CompiledReport> {
  const snap = await loadSnapshot(store.repos, collectionId);
  const document = buildProgressDocument(snap, await loadObjectivePassages(store.repos, snap), now, await loadCompileFacts(store.repos, snap, cover));
  const base = `${snap.workingParty.code}-plan-${snap.plan.number}-progress-report-${civilDay(now, snap.workingParty.timeZone)}`.replace(/[^A-Za-z0-9._-]/g, "_");
  fs.mkdirSync(outDir, { recursive: true });
  const docx = path.resolve(outDir, `${base}.docx`);
  const markdown = path.resolve(outDir, `${base}.md`);
  // The docx library is large; load it only when a report is compiled (keeps every other command lean).
  const { renderDocx } = await import("./docx.ts");
  const bytes = await renderDocx(document);
  // Written under a temporary name and renamed, so a reader never sees half a file.
  writeAtomic(docx, bytes);
  writeAtomic(markdown, renderMarkdown(document));
  return { docx, markdown, document };
}

/** Who compiles: the audit log's actor ("cli", "slack:U0123") and the working party. */
export interface Compiler {
  actor: string;
  workingPartyId: number;
}

/** compileCollection, recorded in the audit log (chat, console and CLI alike) once the files are written. */
export async function compileAudited(store: Store, collectionId: number, now: Date, by: Compiler, outDir?: string, cover: CoverOptions = {}): Promise<CompiledReport> {
  const out = await compileCollection(store, collectionId, now, outDir, cover);
  await store.repos.audit.record({ workingPartyId: by.workingPartyId, actor: by.actor, action: "collection.compile", subject: `collection:${collectionId}`, detail: { docx: out.docx, markdown: out.markdown }, at: now });
  return out;
}

function writeAtomic(file: string, data: Buffer | string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}
