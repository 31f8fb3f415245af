/** `secretariat import strategy FILE`: a strategy (PDF, .docx, HTML, text, Markdown) becomes labelled passages. */
import fs from "node:fs";
import type { Command } from "commander";
import { z } from "zod";
import { BotError } from "../../core/errors.ts";
import { importDocument } from "../../knowledge/import/import-document.ts";
import { MAX_DOCUMENT_BYTES } from "../../knowledge/import/parse-document.ts";
import { knowledgeBase } from "../../knowledge/knowledge-base.ts";
import { emit, type CliContext } from "../context.ts";
import { cliRefusal } from "../command-hints.ts";
import { CliError } from "../io.ts";
import { workingPartyOf } from "../operator.ts";
import { parseOptions } from "../options.ts";

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `at most ${max} characters`).optional();
const Options = z.object({
  title: text(300),
  reference: text(200),
  date: text(100),
  wp: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{2,20}(?:\s*,\s*[A-Za-z0-9_-]{2,20})*$/, "working party codes separated by commas, e.g. LEWP or LEWP,CCWP")
    .optional(),
  shared: z.boolean().optional(),
  slug: z.string().trim().regex(/^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/, "lower-case letters, digits and dashes, e.g. 2012-strategy").optional(),
  json: z.boolean().optional(),
});

/** The `import` command group, shared with other jobs' `import ...` subcommands. */
export function importGroup(program: Command): Command {
  return program.commands.find((c) => c.name() === "import") ?? program.command("import").description("add data from a file: import strategy FILE | import plan FILE");
}

/** Adds `import strategy` to the program. */
export function registerImportStrategy(program: Command, ctx: CliContext): void {
  importGroup(program)
    .command("strategy")
    .description("import a strategy document (PDF, .docx, HTML saved from EUR-Lex, text or Markdown); the same slug again replaces it")
    .argument("<file>", "the document: .pdf, .docx, .html, .txt or .md")
    .option("--title <text>", "title (default: read from the document's Subject line or heading)")
    .option("--reference <text>", "Council reference (default: read from the document, e.g. 15198/09 ENFOCUSTOM 118)")
    .option("--date <text>", "date as written (default: read from the document, e.g. 4 November 2009)")
    .option("--wp <codes>", "only these working parties may read it: CODE or CODE,CODE (default: a new document is shared with every working party; a replaced one keeps its readers)")
    .option("--shared", "every working party may read it (a replaced document for some only becomes shared)")
    .option("--slug <slug>", "name used in answers and plan files (default: from the file name)")
    .option("--json", "print {slug,title,reference,dateText,year,kind,passages,replaced,sampleLabels,readers} (readers: codes of the working parties that may read it; [] every one)")
    .action(async (file: string, raw: Record<string, unknown>) => {
      const o = parseOptions(Options, raw);
      if (o.wp && o.shared) throw new CliError("--wp and --shared: choose one (--wp CODE for some working parties only, --shared for every one)", 2);
      let bytes: Buffer;
      try {
        const st = fs.statSync(file);
        if (!st.isFile()) throw new CliError(`${file} is not a file`, 2);
        if (st.size > MAX_DOCUMENT_BYTES) throw new CliError(`${file} is ${(st.size / 1048576).toFixed(1)} MB; the limit is ${MAX_DOCUMENT_BYTES / 1048576} MB. Import the strategy text only.`, 2);
        bytes = fs.readFileSync(file);
      } catch (e) {
        if (e instanceof CliError) throw e;
        throw new CliError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`, 2);
      }
      await ctx.withRuntime(async (rt) => {
        // Every code is checked before the file is read, so a typo imports nothing.
        const readers = o.shared ? [] : o.wp ? await Promise.all(o.wp.split(",").map(async (code) => (await workingPartyOf(rt, code.trim().toUpperCase())).id)) : undefined;
        let stored;
        try {
          stored = await importDocument(await knowledgeBase(rt.store, rt.config), rt.store, bytes, file, { title: o.title, reference: o.reference, date: o.date, slug: o.slug }, ctx.io.now(), {
            actor: "cli",
            workingPartyId: null,
            ...(readers ? { readers } : {}),
          });
        } catch (e) {
          if (e instanceof BotError) throw new CliError(cliRefusal(e), 2);
          throw e;
        }
        const { id: _id, labels: _labels, embeddingModel: _model, readers: ids, ...data } = stored;
        const codes = await Promise.all(ids.map(async (id) => (await rt.store.repos.workingParties.byId(id))?.code ?? String(id)));
        emit(ctx.io, Boolean(o.json), { ...data, readers: codes }, () =>
          `${stored.replaced ? "Replaced" : "Imported"} ${stored.slug}: ${stored.title}${stored.reference ? ` (${stored.reference})` : ""}${stored.dateText ? `, ${stored.dateText}` : ""} — ${stored.passages} passages, e.g. ${stored.sampleLabels.slice(0, 5).join(" · ")}; ${codes.length ? `for ${codes.join(", ")} only` : "shared with every working party"}`,
        );
      });
    });
}
