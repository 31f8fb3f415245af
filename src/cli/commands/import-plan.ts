/** `secretariat import plan FILE`: add or update an action plan from YAML or CSV. */
import fs from "node:fs";
import type { Command } from "commander";
import { BotError } from "../../core/errors.ts";
import { importPlan } from "../../planning/plan-file/import-plan.ts";
import { parsePlanFile } from "../../planning/plan-file/plan-file.ts";
import { emit, type CliContext } from "../context.ts";
import { cliRefusal } from "../command-hints.ts";
import { CliError } from "../io.ts";

/** Registers `import plan` under a shared `import` command (the knowledge job adds `import strategy`). */
export function registerImportPlan(program: Command, ctx: CliContext): void {
  const parent = program.commands.find((c) => c.name() === "import") ?? program.command("import").description("add documents and plans");
  parent
    .command("plan")
    .description("add or update an action plan from a YAML or CSV file (all or nothing)")
    .argument("<file>", "plan file: .yaml/.yml/.json, or .csv with one row per deadline")
    .option("--strict", "refuse the whole file on any warning (unknown objective, deadline outside the plan's period)")
    .option("--json", "print what was imported as JSON (warnings included)")
    .action(async (file: string, o: { json?: boolean; strict?: boolean }) => {
      let text: string;
      try {
        text = fs.readFileSync(file, "utf8");
      } catch (e) {
        throw new CliError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 2);
      }
      const parsed = parsePlanFile(text, file);
      if (!parsed.ok) throw new CliError(`${file}: ${parsed.errors.map((e) => e.replace(/\.$/, "")).join("; ")}; nothing was imported`, 2);
      await ctx.withRuntime(async ({ store }) => {
        try {
          const s = await importPlan(store, parsed.plan, { actor: "cli", now: ctx.io.now() }, { strict: Boolean(o.strict), where: parsed.where });
          emit(ctx.io, Boolean(o.json), s, () =>
            `${s.created ? "Imported" : "Updated"} ${s.workingParty} plan ${s.number}: ${s.actions} actions, ${s.deadlines} deadlines; ${s.start} to ${s.end}, adopt the next plan by ${s.adoptNextBy}${s.removedActions ? `; ${s.removedActions} actions removed` : ""}${s.warnings.length ? `, with ${s.warnings.length} warning${s.warnings.length > 1 ? "s" : ""} (--strict refuses a file with any):\n${s.warnings.map((w) => `  warning: ${w}`).join("\n")}` : "."}`,
          );
        } catch (e) {
          if (e instanceof BotError) throw new CliError(`${file}: ${cliRefusal(e)}`, 2);
          throw e;
        }
      });
    });
}
