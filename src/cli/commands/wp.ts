/**
 * `secretariat wp create|list|set`: working parties from the command line (a stable contract:
 * `wp list --json` → [{"code","name","timeZone","planMonths","adoptLeadMonths"}]).
 */
import type { Command } from "commander";
import { BotError, InputError } from "../../core/errors.ts";
import { createWorkingPartyAs, listWorkingParties, summarise, updateWorkingParty } from "../../admin/working-party.ts";
import { emit, type CliContext } from "../context.ts";
import { cliRefusal } from "../command-hints.ts";
import { CliError } from "../io.ts";
import { flagOf } from "../options.ts";

/**
 * A refused input is a usage error: one line, exit 2, nothing changed. `names` spells the use
 * case's fields as the command line takes them (timeZone is --tz), so the line names what to fix.
 */
export async function asCliInput<T>(work: () => Promise<T>, names?: Record<string, string>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    // a refusal that only lists the fields ("timeZone: …") is spelled again; prose stays as it is
    const fields = e instanceof InputError ? Object.entries(e.fieldErrors) : [];
    if (names && fields.length > 0 && (e as InputError).userMessage === fields.map(([k, m]) => `${k}: ${m}`).join("; "))
      throw new CliError(fields.map(([k, m]) => `${names[k] ?? flagOf(k)}: ${m}`).join("; "), 2);
    if (e instanceof BotError && e.code !== "internal") throw new CliError(cliRefusal(e), 2);
    throw e;
  }
}

/** The working party's fields as `wp create` and `wp set` take them. */
const WP_NAMES = { code: "<code>", name: "<name>", timeZone: "--tz", planMonths: "--months", adoptLeadMonths: "--lead" };

const SET_USAGE = "secretariat wp set CODE [--name NAME] [--tz ZONE] [--months N] [--lead N]";

const int = (flag: string) => (v: string) => {
  if (!/^-?\d+$/.test(v)) throw new CliError(`${flag}: a whole number, not "${v}"`, 2);
  return Number(v);
};

const text = (wp: ReturnType<typeof summarise>) => `${wp.code}\t${wp.name}\t${wp.timeZone}\t${wp.planMonths} months\tadopt ${wp.adoptLeadMonths} months before the end`;

export function registerWorkingParty(program: Command, ctx: CliContext): void {
  const wp = program.command("wp").description("working parties: create, list, change settings");
  wp.command("create")
    .description("create a working party with the default reminder rules and a console channel #code")
    .argument("<code>", "2–20 letters, digits, - or _, e.g. LEWP")
    .argument("<name>", 'e.g. "Law Enforcement Working Party"')
    .option("--tz <zone>", "IANA time zone", "Europe/Brussels")
    .option("--months <n>", "plan length in months", int("--months"), 18)
    .option("--lead <n>", "adopt the next plan this many months before the end", int("--lead"), 2)
    .option("--json", "print the working party as JSON")
    .action(async (code: string, name: string, o: { tz: string; months: number; lead: number; json?: boolean }) => {
      await ctx.withRuntime(async (rt) => {
        const created = await asCliInput(() =>
          createWorkingPartyAs(rt.store, { code, name, timeZone: o.tz, planMonths: o.months, adoptLeadMonths: o.lead }, { actor: "cli", now: ctx.io.now() }),
          WP_NAMES,
        );
        emit(ctx.io, Boolean(o.json), summarise(created), () => `created ${text(summarise(created))}`);
      });
    });
  wp.command("list")
    .description("list working parties")
    .option("--json", "a JSON array")
    .action(async (o: { json?: boolean }) => {
      await ctx.withRuntime(async (rt) => {
        const all = (await listWorkingParties(rt.store.repos)).map(summarise);
        emit(ctx.io, Boolean(o.json), all, () => all.map(text).join("\n"));
      });
    });
  wp.command("set")
    .description("change a working party's settings (plans already made keep their dates)")
    .argument("<code>", "the working party")
    .option("--name <name>", "its name")
    .option("--tz <zone>", "IANA time zone")
    .option("--months <n>", "plan length in months", int("--months"))
    .option("--lead <n>", "adoption lead in months", int("--lead"))
    .option("--json", "print the working party as JSON")
    .action(async (code: string, o: { name?: string; tz?: string; months?: number; lead?: number; json?: boolean }) => {
      // the core's "Name a setting to change: name, tz, months or lead" names chat's words
      if ([o.name, o.tz, o.months, o.lead].every((v) => v === undefined)) throw new CliError(`name a setting to change: --name, --tz, --months or --lead. Usage: ${SET_USAGE}`, 2);
      await ctx.withRuntime(async (rt) => {
        const updated = await asCliInput(() =>
          updateWorkingParty(rt.store, code, { name: o.name, timeZone: o.tz, planMonths: o.months, adoptLeadMonths: o.lead }, { actor: "cli", now: ctx.io.now() }),
          WP_NAMES,
        );
        emit(ctx.io, Boolean(o.json), summarise(updated), () => text(summarise(updated)));
      });
    });
}
