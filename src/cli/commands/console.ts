/**
 * `secretariat console link --user USER [--platform P] [--json]` → {"url","expires"}: a single-use
 * link into the web console that `secretariat start` serves, for a member of any working party.
 */
import type { Command } from "commander";
import { z } from "zod";
import { issueSignInLink } from "../../admin/console-sign-in.ts";
import { publicBaseUrl } from "../../config/index.ts";
import { PLATFORMS } from "../../core/message.ts";
import { emit, type CliContext } from "../context.ts";
import { parseOptions } from "../options.ts";
import { asCliInput } from "./wp.ts";

const Options = z.object({
  user: z.string().trim().min(1, "needs the member's platform user id").max(100),
  platform: z.enum(PLATFORMS).default("console"),
  json: z.boolean().optional(),
});

export function registerConsole(program: Command, ctx: CliContext): void {
  const consoleCmd = program.command("console").description("the web console served by `secretariat start`");
  consoleCmd
    .command("link")
    .description("print a single-use sign-in link for a member (valid for minutes)")
    .requiredOption("--user <id>", "the member's platform user id (console: the name they chat as)")
    .option("--platform <platform>", "console | slack | teams", "console")
    .option("--json", 'print {"url","expires"}')
    .action(async (raw: Record<string, unknown>) => {
      const o = parseOptions(Options, raw);
      await ctx.withRuntime(async (rt) => {
        const link = await asCliInput(() => issueSignInLink(rt.store, { platform: o.platform, platformUserId: o.user }, { base: publicBaseUrl(rt.config), now: ctx.io.now(), actor: "cli" }));
        emit(ctx.io, Boolean(o.json), link, () => `${link.url}\n(single use; expires ${link.expires})`);
      });
    });
}
