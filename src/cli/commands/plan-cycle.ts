/** `secretariat plan cycle`: the cycle rule on its own, no database needed. */
import type { Command } from "commander";
import { z } from "zod";
import { civilDateProblem, isTimeZone } from "../../time/civil-date.ts";
import { computeCycle } from "../../planning/cycle/cycle.ts";
import { emit, type CliContext } from "../context.ts";
import { CliError } from "../io.ts";
import { parseOptions } from "../options.ts";

const Options = z.object({
  start: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}(-\d{2})?$/, "write the start as YYYY-MM or YYYY-MM-DD, e.g. 1997-07")
    .superRefine((s, ctx) => {
      // a month's first day always exists, so YYYY-MM can only be wrong in its month
      const problem = s.length === 7 ? civilDateProblem(`${s}-01`) && `${s} is not a month (months run from 01 to 12)` : civilDateProblem(s);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .transform((s) => (s.length === 7 ? `${s}-01` : s)),
  months: z.coerce.number({ error: "a whole number of months" }).int("a whole number of months").min(1, "a plan lasts at least 1 month").max(120, "at most 120 months").default(18),
  adoptLead: z.coerce.number({ error: "a whole number of months" }).int("a whole number of months").min(0, "cannot be negative").default(2),
  timeZone: z.string().refine(isTimeZone, "an IANA time zone such as Europe/Brussels").default("Europe/Brussels"),
  json: z.boolean().optional(),
});

/** Registers `plan cycle` under a shared `plan` command. */
export function registerPlanCycle(program: Command, ctx: CliContext): void {
  const plan = program.commands.find((c) => c.name() === "plan") ?? program.command("plan").description("action plans: the cycle rule, removing a plan");
  plan
    .command("cycle")
    .description("start, end and 'adopt the next plan by' of a plan cycle")
    .requiredOption("--start <YYYY-MM[-DD]>", "first month (or day) of the plan")
    .option("--months <n>", "plan length in months (default 18)")
    .option("--adopt-lead <n>", "adopt the next plan this many months before the end (default 2)")
    .option("--time-zone <tz>", "the working party's time zone (default Europe/Brussels)")
    .option("--json", 'print {"start","end","adoptNextBy"}')
    .action(async (raw: Record<string, unknown>) => {
      const o = parseOptions(Options, raw);
      if (o.adoptLead >= o.months) throw new CliError(`--adopt-lead: must be less than the plan length (${o.months} months)`, 2);
      const c = computeCycle({ start: o.start, months: o.months, adoptLeadMonths: o.adoptLead, timeZone: o.timeZone });
      emit(ctx.io, Boolean(o.json), c, () => `start ${c.start}\nend ${c.end}\nadopt the next plan by ${c.adoptNextBy}`);
    });
}
