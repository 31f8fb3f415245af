/** `secretariat collect start|status|compile`: start one, a collection's status, and its compiled report's paths. */
import type { Command } from "commander";
import { z } from "zod";
import { BotError } from "../../core/errors.ts";
import { compileAudited, defaultReportsDir } from "../../collection/compile/index.ts";
import { findCollection } from "../../collection/find.ts";
import { loadSnapshot } from "../../collection/snapshot.ts";
import { collectionStatus, statusText } from "../../collection/status.ts";
import type { Runtime } from "../../runtime/open-runtime.ts";
import { cliRefusal } from "../command-hints.ts";
import { requirePlan, runAsOperator, workingPartyOf } from "../operator.ts";
import { emit, type CliContext } from "../context.ts";
import { CliError } from "../io.ts";
import { parseOptions } from "../options.ts";
import { prepareOutputDir } from "../output-dir.ts";

const Common = {
  wp: z.string().trim().toUpperCase().optional(),
  plan: z.coerce.number().int().positive("a plan number such as 99").optional(),
  json: z.boolean().optional(),
};
const StatusOptions = z.object(Common);
const CompileOptions = z.object({
  ...Common,
  out: z.string().trim().min(1).optional(),
  number: z.string().trim().min(1, "must not be empty").max(60).optional(),
  classification: z.string().trim().min(1, "must not be empty").max(60).optional(),
});

/** The collection the options name, or a one-line CLI error. */
async function pick(rt: Runtime, o: { wp?: string; plan?: number }) {
  const wp = await workingPartyOf(rt, o.wp);
  if (o.plan !== undefined) await requirePlan(rt, wp, o.plan);
  try {
    return await findCollection(rt.store.repos, wp.id, wp.code, o.plan);
  } catch (e) {
    // which collection is meant is the caller's to say (exit 2); none there at all is a failure (1)
    if (e instanceof BotError) throw new CliError(cliRefusal(e), e.code === "input" ? 2 : 1);
    throw e;
  }
}

export function registerCollect(program: Command, ctx: CliContext): void {
  const collect = program.command("collect").description("progress-report collections: start, status and compiled report");
  collect
    .command("start")
    .description("start collecting progress reports on a plan's actions and ask their leads")
    .requiredOption("--plan <n>", "the action plan's number")
    .requiredOption("--due <YYYY-MM-DD>", "the day the reports are due")
    .option("--actions <codes>", "only these actions, e.g. 99.1,99.3 (default: every action)")
    .option("--wp <code>", "working party (default DEFAULT_WORKING_PARTY)")
    .option("--json", "print the bot's reply as JSON")
    .action(async (raw: Record<string, unknown>) => {
      // the same command as chat's "collect start plan N due …", run by id as the operator
      const args = { plan: raw.plan, due: raw.due, ...(raw.actions !== undefined ? { actions: raw.actions } : {}) };
      await runAsOperator(ctx, "collect.start", args, raw, { usage: "secretariat collect start --plan N --due YYYY-MM-DD [--actions 99.1,99.3]" });
    });
  collect
    .command("status")
    .description("how many actions have reported, who is missing, who is late")
    .option("--wp <code>", "working party (default DEFAULT_WORKING_PARTY)")
    .option("--plan <n>", "the collection for plan N (default: the open one)")
    .option("--json", 'print {"collectionId","workingParty","plan","dueDate","state","reported","total","pastDue","missing","late","reports"}')
    .action(async (raw: Record<string, unknown>) => {
      const o = parseOptions(StatusOptions, raw);
      await ctx.withRuntime(async (rt) => {
        const c = await pick(rt, o);
        const st = collectionStatus(await loadSnapshot(rt.store.repos, c.id), ctx.io.now());
        emit(ctx.io, Boolean(o.json), st, () => statusText(st));
      });
    });
  collect
    .command("compile")
    .description("write the progress report as .docx and Markdown and print their paths")
    .option("--wp <code>", "working party (default DEFAULT_WORKING_PARTY)")
    .option("--plan <n>", "the collection for plan N (default: the open one)")
    .option("--out <dir>", "directory to write to (default: reports/ beside the SQLite database)")
    .option("--number <text>", "document number on the cover, e.g. the Council's 15198/26 (default: CODE/APplan/PRid)")
    .option("--classification <text>", "classification line on the cover (default: LIMITE)")
    .option("--json", 'print {"docx","markdown","reported","total"}')
    .action(async (raw: Record<string, unknown>) => {
      const o = parseOptions(CompileOptions, raw);
      await ctx.withRuntime(async (rt) => {
        const c = await pick(rt, o);
        const dir = o.out ? prepareOutputDir(o.out, "--out") : prepareOutputDir(defaultReportsDir(rt.store), "the reports directory");
        const out = await compileAudited(rt.store, c.id, ctx.io.now(), { actor: "cli", workingPartyId: c.workingPartyId }, dir, { number: o.number, classification: o.classification });
        const data = { docx: out.docx, markdown: out.markdown, reported: out.document.reported, total: out.document.total };
        emit(ctx.io, Boolean(o.json), data, () => `${out.docx}\n${out.markdown}`);
      });
    });
}
