/**
 * The `secretariat` command line, a stable contract that tests and benchmarks drive. Every command
 * takes --json, reads DATABASE_URL, migrates and seeds an empty database first, prints machine
 * output on stdout only, and exits non-zero with one line on bad input.
 */
import { Command, CommanderError } from "commander";
import { ConfigError } from "../config/index.js";
import { StoreError } from "../store/index.js";
import { registerAsk } from "./commands/ask.js";
import { registerAudit } from "./commands/audit.js";
import { registerCollect } from "./commands/collect.js";
import { registerMember } from "./commands/member.js";
import { registerPlanning } from "./commands/planning.js";
import { registerImportStrategy } from "./commands/import-strategy.js";
import { registerSay } from "./commands/say.js";
import { registerReminders } from "./commands/reminders.js";
import { registerStart } from "./commands/start.js";
import { createCliContext } from "./context.js";
import { CliError, processIO } from "./io.js";
/** Each job adds its commands here. */
const registrations = [
    registerStart,
    registerSay,
    registerAsk,
    registerImportStrategy,
    registerPlanning,
    registerReminders,
    registerCollect,
    registerMember,
    registerAudit,
];
export function buildProgram(ctx) {
    const program = new Command("secretariat")
        .description("secretariat-bot: strategy answers, action-plan deadlines, reminders and progress reports for Council working parties")
        .version("0.1.0")
        .showHelpAfterError(false)
        .configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) })
        .addHelpText("after", "\nEnvironment: DATABASE_URL (default file:data/secretariat.db; postgresql://... for PostgreSQL), LOG_LEVEL.\nEvery command takes --json. `secretariat <command> --help` for details.");
    for (const register of registrations)
        register(program, ctx);
    const exitOverride = (cmd) => {
        cmd.exitOverride();
        cmd.commands.forEach(exitOverride);
    };
    exitOverride(program);
    return program;
}
/** Runs the CLI; resolves to the process exit code. */
export async function main(argv, kit, io = processIO()) {
    const quietErrors = [];
    const ctx = createCliContext({ ...io, err: (t) => quietErrors.push(t) }, kit);
    const program = buildProgram(ctx);
    try {
        await program.parseAsync(argv, { from: "user" });
        return 0;
    }
    catch (e) {
        if (e instanceof CommanderError) {
            if (e.exitCode === 0)
                return 0; // --help, --version
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
        io.err(`secretariat: unexpected error: ${String(e?.message ?? e).split("\n")[0]}`);
        if (io.env.DEBUG)
            io.err(String(e?.stack));
        return 1;
    }
    finally {
        // commander writes its own messages through ctx.io.err; keep only ours (one line)
        void quietErrors;
    }
}
