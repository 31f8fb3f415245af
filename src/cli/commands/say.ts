/** `secretariat say`: one message through the same core as Slack and Teams, as any user. */
import type { Command } from "commander";
import { z } from "zod";
import { replyToPlainText, type Reply } from "../../core/reply.ts";
import { ROLES } from "../../core/message.ts";
import { Dispatcher } from "../../outbox/dispatcher.ts";
import { Delegation } from "../../store/delegation.ts";
import type { SentMessage } from "../adapter-kit.ts";
import { emit, type CliContext } from "../context.ts";
import { CliError } from "../io.ts";
import { parseOptions } from "../options.ts";

const Options = z.object({
  as: z.string().trim().min(1, "needs a user name").max(100),
  role: z.enum(ROLES).optional(),
  delegation: Delegation.optional(),
  channel: z.string().trim().min(1).max(100).optional(),
  wp: z.string().trim().toUpperCase().optional(),
  json: z.boolean().optional(),
});

/** One printed message: to whom, its text, and its structure for machines. */
export function sentToJson(m: SentMessage, origin: "reply" | "proactive") {
  return {
    to: m.to.kind === "user" ? `user:${m.to.id}` : m.to.id,
    text: m.replies.map(replyToPlainText).join("\n\n"),
    origin,
    ...(m.key ? { key: m.key } : {}),
    summary: m.replies.map((r) => r.summary).join(" / "),
    error: m.replies.some((r) => r.tone === "error"),
    replies: m.replies,
  };
}

export function registerSay(program: Command, ctx: CliContext): void {
  program
    .command("say")
    .description("send MESSAGE to the bot as USER and print every message the bot sent because of it")
    .argument("<message...>", "what the user types")
    .requiredOption("--as <user>", "user name (created as a console member on first use)")
    .option("--role <role>", "chair | secretariat | delegate (sets the member's role)")
    .option("--delegation <code>", "the member's delegation, e.g. FR")
    .option("--channel <id>", "say it in this channel (e.g. #ccwp) instead of a direct message")
    .option("--wp <code>", "working party (default: the channel's, else DEFAULT_WORKING_PARTY)")
    .option("--json", "print a JSON array of {to, text, origin, key?, ...}")
    .addHelpText("after", '\nExample:\n  secretariat say --as marie --role chair "deadlines this month"')
    .action(async (words: string[], raw: Record<string, unknown>) => {
      const o = parseOptions(Options, raw);
      const text = words.join(" ");
      await ctx.withRuntime(async (rt) => {
        const now = ctx.io.now();
        const conversation = o.channel ? { kind: "channel" as const, id: o.channel } : { kind: "direct" as const, id: `dm:${o.as}` };
        // one message per process: a form's questions would have no next message to answer them
        const result = await rt.bot.handleAlone({
          platform: "console",
          kind: "text",
          text,
          user: { id: o.as, name: o.as, claims: { role: o.role, delegation: o.delegation } },
          conversation,
          ...(o.wp ? { workingParty: o.wp } : {}),
          receivedAt: now,
        });
        const printed: { m: SentMessage; origin: "reply" | "proactive" }[] = result.replies.map((r: Reply) => ({
          m: { to: conversation.kind === "direct" ? { kind: "user", id: o.as } : { kind: "channel", id: conversation.id }, replies: [r] },
          origin: "reply",
        }));
        if (result.deliveryIds.length > 0) {
          const messenger = (await ctx.kit()).consoleMessenger((m) => printed.push({ m, origin: "proactive" }));
          await new Dispatcher(rt.store, [messenger], rt.logger).dispatchDue({ now, only: result.deliveryIds });
        }
        emit(ctx.io, Boolean(o.json), printed.map((p) => sentToJson(p.m, p.origin)), () =>
          printed.map((p) => `→ ${sentToJson(p.m, p.origin).to}\n${p.m.replies.map(replyToPlainText).join("\n\n")}`).join("\n\n"),
        );
        const refused = result.replies.find((r) => r.tone === "error");
        if (refused) throw new CliError(refused.summary, 1, { printed: true });
      });
    });
}
