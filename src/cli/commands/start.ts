/** `secretariat start`: the bot. Servers for the configured platforms, else the console chat. */
import os from "node:os";
import type { Command } from "commander";
import type { CliContext } from "../context.ts";

export function registerStart(program: Command, ctx: CliContext): void {
  program
    .command("start")
    .description("run the bot: Slack/Teams endpoints when configured, otherwise an interactive console chat")
    .option("--as <user>", "console chat: your user name", os.userInfo().username || "operator")
    .option("--json", "accepted for symmetry; start prints logs only")
    .action(async (o: { as: string }) => {
      await ctx.withRuntime(
        async (rt) => {
          const servers = await ctx.kit.startServers(rt);
          if (servers.started.length > 0) rt.logger.info({ listening: servers.started }, "secretariat-bot serving");
          if (servers.chat) {
            await new Promise<void>((resolve) => {
              const stop = () => void servers.stop().then(resolve, resolve);
              process.once("SIGINT", stop);
              process.once("SIGTERM", stop);
            });
            return;
          }
          await ctx.kit.runConsoleChat(rt, { user: o.as, input: process.stdin, output: process.stdout });
          await servers.stop();
        },
        { logLevel: "info" },
      );
    });
}
