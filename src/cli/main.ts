/**
 * The `secretariat` command line, a stable contract that tests and benchmarks drive. Every command
 * takes --json, reads DATABASE_URL, migrates and seeds an empty database first, prints machine
 * output on stdout only, and exits non-zero with one line on bad input.
 */
import fs from "node:fs";
import { Command, CommanderError } from "commander";
import { ConfigError } from "../config/config-error.ts";
import { StoreError } from "../store/errors.ts";
import type { AdapterKit } from "./adapter-kit.ts";
import { commandTable, type CommandEntry } from "./command-table.ts";
import { createCliContext, type CliContext } from "./context.ts";
import { CliError, processIO, type CliIO } from "./io.ts";

const { version } = JSON.parse(fs.readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };

/**
 * The program with `only` registered in full and every other command as a one-line entry, so that
 * a command loads its own module and nothing else (`--help` loads none).
 */
export async function buildProgram(ctx: CliContext, only?: CommandEntry): Promise<Command> {
  const program = new Command("secretariat")
    .description("secretariat-bot: strategy answers, action-plan deadlines, reminders and progress reports for Council working parties")
    .version(version)
    .showHelpAfterError(false)
    // the overview shows each command's arguments from the table, also for commands not loaded
    .configureHelp({ subcommandTerm: (cmd) => [cmd.name(), commandTable.find((c) => c.name === cmd.name())?.usage ?? cmd.usage()].join(" ").trim() })
    .configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) })
    .addHelpText(
      "after",
      "\nEnvironment: DATABASE_URL (default file:data/secretariat.db; postgresql://... for PostgreSQL), LOG_LEVEL.\nEvery command takes --json. `secretariat <command> --help` for details.",
    );
  for (const entry of commandTable) {
    if (entry === only) {
      (await entry.load())(program, ctx);
      program.commands.find((c) => c.name() === entry.name)?.summary(entry.summary);
    } else {
      program.command(entry.name).summary(entry.summary).helpOption(false).allowUnknownOption().allowExcessArguments();
    }
  }
  const exitOverride = (cmd: Command) => {
    cmd.exitOverride();
    cmd.commands.forEach(exitOverride);
  };
  exitOverride(program);
  return program;
}

/** The command named by the arguments (`ask …`, `help ask`), if any. */
function commandOf(argv: string[]): CommandEntry | undefined {
  const words = argv.filter((a) => !a.startsWith("-"));
  const name = words[0] === "help" ? words[1] : words[0];
  return commandTable.find((c) => c.name === name);
}

/** Runs the CLI; resolves to the process exit code. `kit` loads the platform adapters when a command needs them. */
export async function main(argv: string[], kit: () => Promise<AdapterKit>, io: CliIO = processIO()): Promise<number> {
  const quietErrors: string[] = [];
  // `help nope`: commander would print the whole overview; one line naming the topic is plainer
  const topic = argv[0] === "help" ? argv.slice(1).find((a) => !a.startsWith("-")) : undefined;
  if (topic !== undefined && !commandTable.some((c) => c.name === topic)) {
    io.err(`secretariat: no help topic "${topic.slice(0, 40)}"; the topics are ${commandTable.map((c) => c.name).join(", ")}`);
    return 2;
  }
  const ctx = createCliContext({ ...io, err: (t) => quietErrors.push(t) }, kit);
  const program = await buildProgram(ctx, commandOf(argv));
  try {
    // no command at all: the overview, as `--help` prints it
    await program.parseAsync(argv.length === 0 ? ["--help"] : argv, { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) return 0; // --help, --version
      // a command group without its subcommand (`secretariat reminders`) is a usage error: its
      // usage, which commander wrote to the error stream, goes to stderr and the exit is 2
      if (e.code === "commander.help") {
        io.err(quietErrors.join(""));
        return 2;
      }
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
  }
}
