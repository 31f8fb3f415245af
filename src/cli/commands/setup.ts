/**
 * `secretariat setup [--json]`: prepares the database (applies the shipped migrations, loads the
 * bundled working party, strategies and 1997 programme once) and exits. Every command does this
 * itself on first use; deployments run it before `start`, and `start` runs it in a child process
 * (see src/cli/prepare-database.ts).
 */
import type { Command } from "commander";
import { redactUrl } from "../../store/errors.ts";
import { emit, type CliContext } from "../context.ts";

export function registerSetup(program: Command, ctx: CliContext): void {
  program
    .command("setup")
    .description("prepare the database: apply migrations and load the bundled data (once), then exit")
    .option("--json", 'print {"database","ready"}')
    .action(async (o: { json?: boolean }) => {
      await ctx.withRuntime(async (rt) => {
        const database = redactUrl(rt.config.DATABASE_URL);
        emit(ctx.io, Boolean(o.json), { database, ready: true }, () => `The database is ready: ${database}`);
      });
    });
}
