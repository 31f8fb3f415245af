import { z } from "zod";
import { isCivilDate, todayIn } from "../../time/civil-date.js";
import { deadlineJson, listDeadlines } from "../../planning/deadlines.js";
import { emit } from "../context.js";
import { CliError } from "../io.js";
import { parseOptions } from "../options.js";
const Day = z.string().trim().refine(isCivilDate, "a calendar day written YYYY-MM-DD");
const Options = z.object({
    wp: z.string().trim().toUpperCase().optional(),
    plan: z.coerce.number().int().min(1, "a plan number such as 1").optional(),
    from: Day.optional(),
    until: Day.optional(),
    today: Day.optional(),
    json: z.boolean().optional(),
});
/** Registers `deadlines`. */
export function registerDeadlines(program, ctx) {
    program
        .command("deadlines")
        .description("list action-plan deadlines with status open, done or overdue")
        .option("--wp <code>", "only this working party")
        .option("--plan <n>", "only this plan (its number in the working party)")
        .option("--from <YYYY-MM-DD>", "due on or after this day")
        .option("--until <YYYY-MM-DD>", "due on or before this day")
        .option("--today <YYYY-MM-DD>", "compute status as of this day (default: today in the working party's time zone)")
        .option("--json", 'print a JSON array of {"plan","action","title","due","dueText","precision","status"}')
        .action(async (raw) => {
        const o = parseOptions(Options, raw);
        if (o.from && o.until && o.from > o.until)
            throw new CliError("--from is after --until", 2);
        await ctx.withRuntime(async ({ store, config }) => {
            const db = store.db;
            const wp = o.wp ? await db.workingParty.findUnique({ where: { code: o.wp } }) : await db.workingParty.findUnique({ where: { code: config.DEFAULT_WORKING_PARTY } });
            if (o.wp && !wp)
                throw new CliError(`unknown working party ${o.wp}`, 2);
            const today = o.today ?? todayIn(ctx.io.now(), wp?.timeZone ?? "Europe/Brussels");
            const rows = await listDeadlines(db, { ...(o.wp && wp ? { workingPartyId: wp.id } : {}), planNumber: o.plan, from: o.from, until: o.until }, today);
            emit(ctx.io, Boolean(o.json), rows.map(deadlineJson), () => rows.length === 0
                ? "No deadlines match."
                : rows.map((r) => `${r.due}  ${r.status.padEnd(7)}  ${r.workingParty} plan ${r.plan}  ${r.action ?? "—"}  ${r.dueText}  ${r.title.slice(0, 80)}`).join("\n"));
        });
    });
}
