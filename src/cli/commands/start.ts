/** `secretariat start`: the bot. Servers for the configured platforms, else the console chat. */
import os from "node:os";
import type { Command } from "commander";
import type { CliContext } from "../context.ts";
import { Dispatcher } from "../../outbox/dispatcher.ts";
import { replyToPlainText } from "../../core/reply.ts";
import { planners } from "../planners.ts";
import { startScheduler } from "../scheduler.ts";

export function registerStart(program: Command, ctx: CliContext): void {
  program
    .command("start")
    .description("run the bot: Slack/Teams endpoints when configured, otherwise an interactive console chat")
    .option("--as <user>", "console chat: your user name", os.userInfo().username || "operator")
    .option("--json", "accepted for symmetry; start prints logs only")
    .action(async (o: { as: string }) => {
      await ctx.withRuntime(
        async (rt) => {
          const kit = await ctx.kit();
          const servers = await kit.startServers(rt);
          if (servers.started.length > 0) rt.logger.info({ listening: servers.started }, "secretariat-bot serving");
          // Console channels (#ccwp) are printed; Slack and Teams go through their messengers.
          const consoleOut = kit.consoleMessenger((m) => ctx.io.out(`\n[to ${m.to.kind === "user" ? "@" : ""}${m.to.id}]\n${m.replies.map(replyToPlainText).join("\n\n")}`));
          const scheduler = startScheduler({ store: rt.store, logger: rt.logger }, new Dispatcher(rt.store, [consoleOut, ...servers.messengers], rt.logger), planners);
          void scheduler.tickNow();
          if (servers.chat) {
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
          await kit.runConsoleChat(rt, { user: o.as, input: process.stdin, output: process.stdout });
          scheduler.stop();
          await servers.stop();
        },
        { logLevel: "info" },
      );
    });
}
