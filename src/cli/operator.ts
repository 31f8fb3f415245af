/**
 * The CLI acts as the deployment's operator: settings commands run through the same bot core (and
 * so the same validation, permissions and audit) as a console user "cli" of the secretariat.
 */
import { plainTextWith, replyToPlainText, type Reply } from "../core/reply.ts";
import type { WorkingParty } from "../store/index.ts";
import type { Runtime } from "../runtime/open-runtime.ts";
import { emit, type CliContext } from "./context.ts";
import { cliCommandText, cliText } from "./command-hints.ts";
import { CliError } from "./io.ts";
import { flagOf, optionProblem } from "./options.ts";

/** The working party a `--wp` option names (default DEFAULT_WORKING_PARTY), or a usage error. */
export async function workingPartyOf(rt: Pick<Runtime, "store" | "config">, code?: string): Promise<WorkingParty> {
  const c = code ?? rt.config.DEFAULT_WORKING_PARTY;
  const wp = await rt.store.repos.workingParties.find(c);
  if (!wp) throw new CliError(await rt.store.repos.workingParties.unknownMessage(c), 2);
  return wp;
}

/** How a command run by id is typed on the command line, for its error messages. */
export interface CliSpelling {
  /** e.g. "secretariat reminders remove ID" */
  usage: string;
  /** the option or argument each of the command's fields comes from (default: --field) */
  names?: Record<string, string>;
}

/**
 * The plan a `--plan` option names in a working party, or a usage error listing its plans: every
 * command taking --plan refuses a number that is not there rather than answering "nothing".
 */
export async function requirePlan(rt: Pick<Runtime, "store">, wp: Pick<WorkingParty, "id" | "code">, number: number): Promise<void> {
  const plans = rt.store.repos.actionPlans;
  if (await plans.byNumber(wp.id, number)) return;
  throw new CliError(await plans.unknownMessage(wp, number), 2);
}

/**
 * Runs a chat command by id with its arguments, as the operator: the same validation, roles and
 * audit as in chat, without turning the options into a sentence first. Bad arguments exit 2, named
 * as the command line spells them, with the command line's usage (the chat's would mislead).
 */
export async function runAsOperator(ctx: CliContext, command: string, args: Record<string, unknown>, options: Record<string, unknown>, spelling?: CliSpelling): Promise<void> {
  const replies = await operatorReplies(ctx, command, args, options, spelling);
  emit(ctx.io, Boolean(options.json), replies, () => replies.map(plainTextWith(cliCommandText)).join("\n\n"));
}

/** As runAsOperator, but returns the replies instead of printing them; a refusal still throws. */
export async function operatorReplies(ctx: CliContext, command: string, args: Record<string, unknown>, options: Record<string, unknown>, spelling?: CliSpelling): Promise<Reply[]> {
  return ctx.withRuntime(async (rt) => {
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
    const text = error ? (error.said ? cliText(error.said) : replyToPlainText(error)).replace(/\s*\n\s*/g, " ") : "";
    // The router's refusal of the arguments ends with the chat's usage; a handler's own refusal
    // ("Escalate after at least 1 working day.") is prose and stays as it is.
    if (error?.fieldErrors && spelling && /\. Usage: /.test(text)) {
      const problems = Object.entries(error.fieldErrors).map(([k, m]) => optionProblem(spelling.names?.[k] ?? flagOf(k), m, given(args[k])));
      throw new CliError(`${problems.join("; ")}. Usage: ${spelling.usage}`, 2);
    }
    if (error) throw new CliError(text, 2);
    return result.replies;
  });
}

/** The text a field was given, to repeat it in a refusal (the first of several). */
const given = (v: unknown) => (Array.isArray(v) ? v[0] : v);
