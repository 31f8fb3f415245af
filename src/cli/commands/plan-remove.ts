/**
 * `secretariat plan remove N [--wp CODE] [--yes] [--json]`: the chat command `remove plan N`,
 * called by id as the operator (same refusals, same audit entry `plan.remove`). Without --yes it
 * says on stderr to add --yes and exits 2, removing nothing: scripts never block on a prompt, and
 * a forgotten flag cannot destroy a plan.
 */
import type { Command } from "commander";
import { z } from "zod";
import type { CliContext } from "../context.ts";
import { contents } from "../../admin/remove-plan.ts";
import { CliError } from "../io.ts";
import { operatorReplies, requirePlan, runAsOperator, workingPartyOf } from "../operator.ts";
import { parseOptions } from "../options.ts";

const Options = z.object({ wp: z.string().optional(), yes: z.boolean().optional(), json: z.boolean().optional() });

/** Registers `plan remove` under the shared `plan` command. */
export function registerPlanRemove(program: Command, ctx: CliContext): void {
  const plan = program.commands.find((c) => c.name() === "plan") ?? program.command("plan").description("action plans: the cycle rule, removing a plan");
  plan
    .command("remove <number>")
    .description("remove a plan imported by mistake, with its actions and deadlines (refused while a collection of it is open or holds reports)")
    .option("--wp <code>", "working party (default: DEFAULT_WORKING_PARTY)")
    .option("--yes", "remove it; without --yes, print what would be removed and exit 2")
    .option("--json", "print the bot's reply as JSON")
    .action(async (number: string, raw: Record<string, unknown>) => {
      const o = parseOptions(Options, raw);
      if (!/^\d{1,7}$/.test(number.trim()) || Number(number) < 1) throw new CliError(`plan remove: "${number.slice(0, 40)}" is not a plan number (write it as 12)`, 2);
      const n = Number(number);
      // a plan that is not there is refused as every --plan is, naming the plans there are
      const what = await ctx.withRuntime(async (rt) => {
        const wp = await workingPartyOf(rt, o.wp?.toUpperCase());
        await requirePlan(rt, wp, n);
        const plan = (await rt.store.repos.actionPlans.byNumber(wp.id, n))!;
        return `${wp.code} plan ${n} holds ${contents(await rt.store.repos.actionPlans.removal(plan.id))}`;
      });
      if (o.yes) return runAsOperator(ctx, "plan.remove", { number: n, confirm: "yes" }, o);
      // Without --yes the chat's question is asked only to meet its refusals (a collection open);
      // its "press the button" line is for chat, so the command line says what to add instead.
      await operatorReplies(ctx, "plan.remove", { number: n }, o);
      throw new CliError(`nothing was removed: ${what}; add --yes to remove it (secretariat plan remove ${n}${o.wp ? ` --wp ${o.wp}` : ""} --yes)`, 2);
    });
}
