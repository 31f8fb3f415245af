/**
 * The `secretariat` command line, a stable contract that tests and benchmarks drive. Every command
 * takes --json, reads DATABASE_URL, migrates and seeds an empty database first, prints machine
 * output on stdout only, and exits non-zero with one line on bad input.
 */
import { Command, CommanderError } from "commander";
import { ConfigError } from "../config/index.ts";
import { StoreError } from "../store/index.ts";
import type { AdapterKit } from "./adapter-kit.ts";
import { registerAsk } from "./commands/ask.ts";
import { registerAudit } from "./commands/audit.ts";
import { registerCollect } from "./commands/collect.ts";
import { registerMember } from "./commands/member.ts";
import { registerPlanning } from "./commands/planning.ts";
import { registerImportStrategy } from "./commands/import-strategy.ts";
import { registerSay } from "./commands/say.ts";
import { registerReminders } from "./commands/reminders.ts";
import { registerStart } from "./commands/start.ts";
import { registerWorkingParty } from "./commands/wp.ts";
import { registerConsole } from "./commands/console.ts";
import { createCliContext, type CliContext } from "./context.ts";
import { CliError, processIO, type CliIO } from "./io.ts";

/** Each job adds its commands here. */
const registrations: ((program: Command, ctx: CliContext) => void)[] = [
  registerStart,
  registerSay,
  registerAsk,
  registerImportStrategy,
  registerPlanning,
  registerReminders,
  registerCollect,
  registerMember,
  registerAudit,
  registerWorkingParty,
  registerConsole,
];

export function buildProgram(ctx: CliContext): Command {
  const program = new Command("secretariat")
    .description("secretariat-bot: strategy answers, action-plan deadlines, reminders and progress reports for Council working parties")
    .version("0.1.0")
    .showHelpAfterError(false)
    .configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) })
    .addHelpText(
      "after",
      "\nEnvironment: DATABASE_URL (default file:data/secretariat.db; postgresql://... for PostgreSQL), LOG_LEVEL.\nEvery command takes --json. `secretariat <command> --help` for details.",
    );
  for (const register of registrations) register(program, ctx);
  const exitOverride = (cmd: Command) => {
    cmd.exitOverride();
    cmd.commands.forEach(exitOverride);
  };
  exitOverride(program);
  return program;
}

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: string[], kit: AdapterKit, io: CliIO = processIO()): Promise<number> {
  const quietErrors: string[] = [];
  const ctx = createCliContext({ ...io, err: (t) => quietErrors.push(t) }, kit);
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) return 0; // --help, --version
      io.err(`secretariat: ${e.message.replace(/^error: /, "")}`);
      return 2;
    }
    if (e instanceof CliError) {
      io.err(`secretariat: ${e.message}`);
      return e.exitCode;
    }
    if (e instanceof ConfigError || e instanceof StoreError) {
      io.err(`secretariat: ${e.message}`);
      return 1;
    }
    io.err(`secretariat: unexpected error: ${String((e as Error)?.message ?? e).split("\n")[0]}`);
    if (io.env.DEBUG) io.err(String((e as Error)?.stack));
    return 1;
  } finally {
    // commander writes its own messages through ctx.io.err; keep only ours (one line)
    void quietErrors;
  }
}
