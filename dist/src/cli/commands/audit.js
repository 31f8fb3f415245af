import { z } from "zod";
import { emit } from "../context.js";
import { CliError } from "../io.js";
import { parseOptions } from "../options.js";
const Options = z.object({
    wp: z.string().trim().toUpperCase().optional(),
    limit: z.coerce.number().int().min(1).max(10_000).default(100),
    json: z.boolean().optional(),
});
export function registerAudit(program, ctx) {
    program
        .command("audit")
        .description("show the audit log, newest first")
        .option("--wp <code>", "only this working party")
        .option("--limit <n>", "at most N entries (default 100)")
        .option("--json", "print a JSON array of {at, actor, action, subject, detail}")
        .action(async (raw) => {
        const o = parseOptions(Options, raw);
        await ctx.withRuntime(async ({ store }) => {
            let workingPartyId;
            if (o.wp) {
                const wp = await store.db.workingParty.findUnique({ where: { code: o.wp } });
                if (!wp)
                    throw new CliError(`unknown working party ${o.wp}`, 2);
                workingPartyId = wp.id;
            }
            const rows = await store.db.auditEntry.findMany({
                where: workingPartyId ? { workingPartyId } : {},
                orderBy: { id: "desc" },
                take: o.limit,
            });
            const data = rows.map((r) => ({ at: r.createdAt.toISOString(), actor: r.actor, action: r.action, subject: r.subject, detail: JSON.parse(r.detail) }));
            emit(ctx.io, Boolean(o.json), data, () => data.length === 0 ? "The audit log is empty." : data.map((d) => `${d.at}  ${d.actor}  ${d.action}${d.subject ? `  ${d.subject}` : ""}`).join("\n"));
        });
    });
}
