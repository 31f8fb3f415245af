/**
 * The CLI acts as the deployment's operator: settings commands run through the same bot core (and
 * so the same validation, permissions and audit) as a console user "cli" of the secretariat.
 */
import { replyToPlainText } from "../core/reply.ts";
import type { WorkingParty } from "../store/index.ts";
import type { Runtime } from "../runtime/open-runtime.ts";
import { emit, type CliContext } from "./context.ts";
import { CliError } from "./io.ts";

/** The working party a `--wp` option names (default DEFAULT_WORKING_PARTY), or a usage error. */
export async function workingPartyOf(rt: Pick<Runtime, "store" | "config">, code?: string): Promise<WorkingParty> {
  const c = code ?? rt.config.DEFAULT_WORKING_PARTY;
  const wp = await rt.store.repos.workingParties.find(c);
  if (!wp) throw new CliError(await rt.store.repos.workingParties.unknownMessage(c), 2);
  return wp;
}

/**
 * Runs a chat command by id with its arguments, as the operator: the same validation, roles and
 * audit as in chat, without turning the options into a sentence first. Bad arguments exit 2.
 */
export async function runAsOperator(ctx: CliContext, command: string, args: Record<string, unknown>, options: Record<string, unknown>): Promise<void> {
  await ctx.withRuntime(async (rt) => {
    const wp = await workingPartyOf(rt, options.wp as string | undefined);
    const result = await rt.bot.handle({
      platform: "console",
      kind: "action",
      command,
      args,
      user: { id: "cli", name: "cli", claims: { role: "secretariat" } },
      conversation: { kind: "direct", id: "dm:cli" },
      workingParty: wp.code,
      receivedAt: ctx.io.now(),
    });
    const error = result.replies.find((r) => r.tone === "error");
    if (error) throw new CliError(error.summary, 2);
    emit(ctx.io, Boolean(options.json), result.replies, () => result.replies.map(replyToPlainText).join("\n\n"));
  });
}
