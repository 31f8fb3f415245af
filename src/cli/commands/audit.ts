/** `secretariat audit`: who changed what. */
import type { Command } from "commander";
import { z } from "zod";
import { workingPartyOf } from "../operator.ts";
import { emit, type CliContext } from "../context.ts";
import { CliError } from "../io.ts";
import { parseOptions } from "../options.ts";

const Options = z.object({
  wp: z.string().trim().toUpperCase().optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(100),
  json: z.boolean().optional(),
});

export function registerAudit(program: Command, ctx: CliContext): void {
  program
    .command("audit")
    .description("show the audit log, newest first")
    .option("--wp <code>", "only this working party")
    .option("--limit <n>", "at most N entries (default 100)")
    .option("--json", "print a JSON array of {at, actor, action, subject, detail}")
    .action(async (raw: Record<string, unknown>) => {
      const o = parseOptions(Options, raw);
      await ctx.withRuntime(async (rt) => {
        const workingPartyId = o.wp ? (await workingPartyOf(rt, o.wp)).id : undefined;
        const rows = await rt.store.repos.audit.list({ ...(workingPartyId !== undefined ? { workingPartyId } : {}), limit: o.limit });
        const data = rows.map((r) => ({ at: r.createdAt.toISOString(), actor: r.actor, action: r.action, subject: r.subject, detail: r.detail }));
        emit(ctx.io, Boolean(o.json), data, () =>
          data.length === 0 ? "The audit log is empty." : data.map((d) => `${d.at}  ${d.actor}  ${d.action}${d.subject ? `  ${d.subject}` : ""}`).join("\n"),
        );
      });
    });
}
