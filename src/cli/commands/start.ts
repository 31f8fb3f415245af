/** `secretariat start`: the bot. Servers for the configured platforms, else the console chat. */
import os from "node:os";
import type { Command } from "commander";
import type { CliContext } from "../context.ts";
import { replyToPlainText } from "../../core/reply.ts";
import { LogRelay, toStderr } from "../log-relay.ts";
import { planners } from "../../scheduler/planners.ts";
import { prepareDatabase } from "../prepare-database.ts";
import { releaseStartupMemory } from "../startup-memory.ts";
import { startScheduler } from "../../scheduler/scheduler.ts";

export function registerStart(program: Command, ctx: CliContext): void {
  program
    .command("start")
    .description("run the bot: Slack/Teams endpoints when configured, otherwise an interactive console chat")
    .option("--as <user>", "console chat: your user name", os.userInfo().username || "operator")
    .option("--json", "accepted for symmetry; start prints logs only")
    .action(async (o: { as: string }) => {
      const logs = new LogRelay();
      await prepareDatabase(ctx.io.env);
      try {
        await ctx.withRuntime(
          async (rt) => {
            const kit = await ctx.kit();
            // Console channels (#ccwp) are printed (into the chat once it is open); Slack and Teams go through their messengers.
            let print = (text: string) => ctx.io.out(text);
            const consoleOut = kit.consoleMessenger((m) => print(`\n[to ${m.to.kind === "user" ? "@" : ""}${m.to.id}]\n${m.replies.map(replyToPlainText).join("\n\n")}`));
            const servers = await kit.startServers(rt, { messengers: [consoleOut] });
            if (servers.started.length > 0) rt.logger.info({ listening: servers.started }, "secretariat-bot serving");
            const scheduler = startScheduler({ store: rt.store, logger: rt.logger }, servers.dispatcher, planners);
            releaseStartupMemory();
            if (servers.chat) {
              logs.sendTo(toStderr);
              void scheduler.tickNow();
              await new Promise<void>((resolve) => {
                const stop = () => {
                  scheduler.stop();
                  void servers.stop().then(resolve, resolve);
                };
                process.once("SIGINT", stop);
                process.once("SIGTERM", stop);
              });
              return;
            }
            await kit.runConsoleChat(rt, {
              dispatcher: servers.dispatcher,
              user: o.as,
              input: process.stdin,
              output: process.stdout,
              attach(screen) {
                print = (text) => screen.print(text);
                // The log joins the chat only when stderr writes to the same terminal; redirected
                // (2>bot.log, a service manager) it stays JSON where it was sent.
                logs.sendTo(process.stderr.isTTY && process.stdout.isTTY ? (line) => screen.log(line) : toStderr);
                void scheduler.tickNow();
              },
            });
            scheduler.stop();
            await servers.stop();
          },
          { logLevel: "info", logTo: logs },
        );
      } finally {
        if (!logs.routed) logs.sendTo(toStderr); // it stopped before it knew: what was logged goes to stderr
      }
    });
}
