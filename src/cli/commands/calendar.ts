/** `secretariat calendar`: an iCalendar file of deadlines, or the URL of its subscribable feed. */
import type { Command } from "commander";
import { z } from "zod";
import { publicBaseUrl } from "../../config/index.ts";
import { todayIn } from "../../time/civil-date.ts";
import { buildCalendar, type FeedScope } from "../../planning/calendar/calendar.ts";
import { ensureFeed, feedUrl } from "../../planning/calendar/calendar-feeds.ts";
import { Delegation } from "../../store/delegation.ts";
import { requirePlan, workingPartyOf } from "../operator.ts";
import { emit, type CliContext } from "../context.ts";
import { CliError } from "../io.ts";
import { parseOptions } from "../options.ts";

const Options = z.object({
  wp: z.string().trim().toUpperCase().min(1),
  plan: z.coerce.number().int().min(1, "a plan number such as 1").optional(),
  delegation: Delegation.optional(),
  feed: z.boolean().optional(),
  json: z.boolean().optional(),
});

/** Registers `calendar`. */
export function registerCalendar(program: Command, ctx: CliContext): void {
  program
    .command("calendar")
    .description("print an iCalendar (.ics) of deadlines, plan ends and adopt-by days")
    .requiredOption("--wp <code>", "working party")
    .option("--plan <n>", "only this plan")
    .option("--delegation <code>", "only actions this delegation leads")
    .option("--feed", "print the feed URL to subscribe to instead (served by secretariat start)")
    .option("--json", 'print {"url"} with --feed, else {"calendar"}')
    .addHelpText("after", "\nExample:\n  secretariat calendar --wp CCWP --plan 1 > ccwp-plan-1.ics")
    .action(async (raw: Record<string, unknown>) => {
      const o = parseOptions(Options, raw);
      if (o.plan && o.delegation) throw new CliError("give --plan or --delegation, not both", 2);
      await ctx.withRuntime(async (rt) => {
        const { store, config } = rt;
        const wp = await workingPartyOf(rt, o.wp);
        const scope: FeedScope = o.plan ? { kind: "plan", number: o.plan } : o.delegation ? { kind: "delegation", code: o.delegation } : { kind: "wp" };
        if (scope.kind === "plan") await requirePlan(rt, wp, scope.number);
        if (o.feed) {
          const feed = await ensureFeed(store.repos, wp.id, scope);
          const url = feedUrl(publicBaseUrl(config), feed);
          emit(ctx.io, Boolean(o.json), { url }, () => url);
          return;
        }
        const ics = await buildCalendar(store.repos, wp.code, scope, todayIn(ctx.io.now(), wp.timeZone));
        if (o.json) emit(ctx.io, true, { calendar: ics }, () => ics);
        else ctx.io.out(ics);
      });
    });
}
