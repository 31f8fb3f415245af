/**
 * `import this` with a file attached, in Slack or Teams: the same import as `secretariat import
 * strategy FILE`, answered with what was read (title, reference, date, passages and labels) so the
 * secretariat can check the labels before delegates ask about it.
 */
import { z } from "zod";
import { defineCommand } from "../core/command.ts";
import { InputError } from "../core/errors.ts";
import { reply, type Reply } from "../core/reply.ts";
import { importDocument } from "./import/import-document.ts";
import { MAX_FILE_BYTES } from "./import/parse-document.ts";
import { knowledgeBase } from "./knowledge-base.ts";

/** `import this` (a strategy document attached to the message). */
export const importCommand = defineCommand({
  id: "knowledge.import",
  group: "Strategies",
  summary: "Import the attached strategy document (PDF, .docx, HTML saved from EUR-Lex, text or Markdown), shared with every working party or for yours only; the same name again replaces it.",
  usage: "import this [for us only | for everyone] (with the file attached)",
  examples: ["import this", "import this for us only"],
  // ours: only this working party may read it; every: all may; neither: a new document is shared, a replaced one keeps its readers
  args: z.object({ readers: z.enum(["ours", "every"]).optional() }),
  roles: ["secretariat"],
  handler: async ({ readers }, ctx): Promise<Reply> => {
    const files = ctx.message.kind === "text" ? (ctx.message.attachments ?? []) : [];
    if (files.length === 0) throw new InputError('Attach the document to the message that says "import this" (PDF, .docx, HTML saved from EUR-Lex, .txt or .md).');
    if (files.length > 1) throw new InputError(`Import one document at a time: this message has ${files.length} files (${files.map((f) => f.name).join(", ")}).`);
    const file = files[0]!;
    if (file.size !== undefined && file.size > MAX_FILE_BYTES) throw new InputError(`${file.name} is ${(file.size / 1048576).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB.`);
    const bytes = await file.fetch();
    const kb = await knowledgeBase(ctx.deps.store, ctx.deps.config);
    const wp = ctx.actor.workingParty;
    const d = await importDocument(kb, ctx.deps.store, bytes, file.name, {}, ctx.now, {
      actor: ctx.actor.ref,
      workingPartyId: wp.id,
      ...(readers ? { readers: readers === "ours" ? [wp.id] : [] } : {}),
    });
    const codes = await Promise.all(d.readers.map(async (id) => (id === wp.id ? wp.code : ((await ctx.deps.store.repos.workingParties.byId(id))?.code ?? String(id)))));
    const head = `${d.replaced ? "Replaced" : "Imported"} ${d.slug}: ${d.title}`;
    return reply(`${head} — ${d.passages} passages`, [
      { type: "text", text: head },
      {
        type: "fields",
        fields: [
          { label: "Reference", value: d.reference ?? "none found in the document" },
          { label: "Date", value: d.dateText ?? (d.year ? String(d.year) : "none found in the document") },
          { label: "Passages", value: `${d.passages} under ${d.labels} labels` },
          { label: "Who may read it", value: codes.length ? `${codes.join(", ")} only` : "every working party" },
          { label: "First labels", value: d.sampleLabels.join(" · ") },
        ],
      },
      { type: "text", text: `Check the labels against the document: ask "what does ${d.sampleLabels.find((l) => l !== "preamble") ?? d.sampleLabels[0]} of ${d.slug} say?"`, style: "muted" },
    ]);
  },
});
