/** `secretariat presidency`: the Council presidency and trio on a day, the next hand-over, deadlines in the term. */
import type { Command } from "commander";
import { z } from "zod";
import { todayIn } from "../../time/civil-date.ts";
import { deadlineJson } from "../../planning/deadlines/deadlines.ts";
import { listYears } from "../../planning/cycle/presidencies.ts";
import { presidencySummary } from "../../planning/cycle/presidency-summary.ts";
import { workingPartyOf } from "../operator.ts";
import { emit, type CliContext } from "../context.ts";
import { cliWords } from "../deadline-words.ts";
import { CliError } from "../io.ts";
import { DayOption, parseOptions } from "../options.ts";

const Options = z.object({
  date: DayOption.optional(),
  wp: z.string().trim().toUpperCase().optional(),
  json: z.boolean().optional(),
});

/** Registers `presidency`. */
export function registerPresidency(program: Command, ctx: CliContext): void {
  program
    .command("presidency")
    .description("the Council presidency and trio in office, the next hand-over, and the deadlines in the term")
    .option("--date <YYYY-MM-DD>", "on this day (default today)")
    .option("--wp <code>", "deadlines of this working party (default DEFAULT_WORKING_PARTY)")
    .option("--json", 'print {"date","presidency","trio","next","deadlines"}')
    .action(async (raw: Record<string, unknown>) => {
      const o = parseOptions(Options, raw);
      await ctx.withRuntime(async (rt) => {
        const { store } = rt;
        const wp = o.wp ? await workingPartyOf(rt, o.wp) : await store.repos.workingParties.find(rt.config.DEFAULT_WORKING_PARTY);
        const date = o.date ?? todayIn(ctx.io.now(), wp?.timeZone ?? "Europe/Brussels");
        const s = await presidencySummary(store.repos, date, wp?.id);
        if (!s.term) throw new CliError(`no presidency is listed for ${date}: data/council-presidencies.csv covers ${listYears()}`, 2);
        const json = {
          date,
          presidency: { country: s.term.country, start: s.term.start, end: s.term.end },
          trio: s.trio.map((t) => ({ country: t.country, start: t.start, end: t.end })),
          next: s.next ? { country: s.next.country, start: s.next.start, inDays: s.next.inDays } : null,
          deadlines: s.deadlines.map(deadlineJson),
        };
        emit(ctx.io, Boolean(o.json), json, () =>
          [
            `${s.term!.country} holds the presidency (${s.term!.start} – ${s.term!.end}).`,
            s.trio.length ? `Trio: ${s.trio.map((t) => t.country).join(", ")}.` : "No formal trio (before 2007).",
            s.next ? `Hand-over to ${s.next.country} on ${s.next.start} (in ${s.next.inDays} days).` : "The list has no later presidency.",
            s.deadlines.length ? `${s.deadlines.length} deadline(s) in this term:\n${s.deadlines.map((d) => `  ${d.due}  ${d.status}  plan ${d.plan} ${d.action ?? "—"}${cliWords(d)}`).join("\n")}` : "No deadlines in this term.",
          ].join("\n"),
        );
      });
    });
}
