/** `secretariat deadlines`: action-plan deadlines with their status, as text or JSON. */
import type { Command } from "commander";
import { z } from "zod";
import { todayIn } from "../../time/civil-date.ts";
import { deadlineJson, listDeadlines } from "../../planning/deadlines/deadlines.ts";
import { requirePlan, workingPartyOf } from "../operator.ts";
import { emit, type CliContext } from "../context.ts";
import { CliError } from "../io.ts";
import { DayOption as Day, parseOptions } from "../options.ts";

const Options = z.object({
  wp: z.string().trim().toUpperCase().optional(),
  plan: z.coerce.number().int().min(1, "a plan number such as 1").optional(),
  from: Day.optional(),
  until: Day.optional(),
  today: Day.optional(),
  json: z.boolean().optional(),
});

/** Registers `deadlines`. */
export function registerDeadlines(program: Command, ctx: CliContext): void {
  program
    .command("deadlines")
    .description("list action-plan deadlines with status open, done or overdue")
    .option("--wp <code>", "only this working party")
    .option("--plan <n>", "only this plan (its number in the working party)")
    .option("--from <YYYY-MM-DD>", "due on or after this day")
    .option("--until <YYYY-MM-DD>", "due on or before this day")
    .option("--today <YYYY-MM-DD>", "compute status as of this day (default: today in the working party's time zone)")
    .option("--json", 'print a JSON array of {"plan","action","title","due","dueText","precision","status"}')
    .action(async (raw: Record<string, unknown>) => {
      const o = parseOptions(Options, raw);
      if (o.from && o.until && o.from > o.until) throw new CliError("--from is after --until", 2);
      await ctx.withRuntime(async (rt) => {
        const repos = rt.store.repos;
        // a plan number means a plan of one working party: --wp's, else the default one
        const scoped = o.wp !== undefined || o.plan !== undefined;
        const wp = scoped ? await workingPartyOf(rt, o.wp) : await rt.store.repos.workingParties.find(rt.config.DEFAULT_WORKING_PARTY);
        if (o.plan !== undefined) await requirePlan(rt, wp!, o.plan);
        const today = o.today ?? todayIn(ctx.io.now(), wp?.timeZone ?? "Europe/Brussels");
        const rows = await listDeadlines(repos, { ...(scoped && wp ? { workingPartyId: wp.id } : {}), planNumber: o.plan, from: o.from, until: o.until }, today);
        emit(ctx.io, Boolean(o.json), rows.map(deadlineJson), () =>
          rows.length === 0
            ? "No deadlines match."
            : rows.map((r) => `${r.due}  ${r.status.padEnd(7)}  ${r.workingParty} plan ${r.plan}  ${r.action ?? "—"}  ${r.dueText}  ${r.title.slice(0, 80)}`).join("\n"),
        );
      });
    });
}
