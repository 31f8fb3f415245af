/**
 * The core's one entry. Slack, Teams, the console and `secretariat say` hand every input here:
 * text, button presses and form submissions. Errors are caught here, once, and become a reply.
 */
import { randomBytes } from "node:crypto";
import type { CoreDeps } from "../core/command.ts";
import { asBotError, BotError, InputError } from "../core/errors.ts";
import { resolveActor } from "./members.ts";
import { errorReply, type Reply } from "../core/reply.ts";
import type { CommandRouter } from "./router.ts";
import type { IncomingMessage } from "../core/message.ts";
import { audit } from "../audit/audit-log.ts";
import { Outbox } from "../outbox/outbox.ts";

export interface HandleResult {
  replies: Reply[];
  /** outbox deliveries created while handling, to be sent right after */
  deliveryIds: number[];
}

export async function handleMessage(input: IncomingMessage, router: CommandRouter, deps: CoreDeps): Promise<HandleResult> {
  const log = deps.logger.child({ platform: input.platform, user: input.user.id });
  const outbox = new Outbox(deps.store);
  try {
    checkInput(input, deps.config.MAX_MESSAGE_LENGTH);
    const actor = await resolveActor(deps.store.db, input, deps.config.DEFAULT_WORKING_PARTY);
    let routed;
    try {
      routed = router.route(input, actor);
    } catch (e) {
      if (e instanceof BotError && e.code === "permission") {
        await audit(deps.store.db, {
          workingPartyId: actor.workingParty.id,
          actor: actor.ref,
          action: "permission.refused",
          subject: input.kind === "text" ? input.text.slice(0, 200) : input.command,
          at: input.receivedAt,
        });
      }
      throw e;
    }
    const out = await routed.command.handler(routed.args, { actor, deps, now: input.receivedAt, message: input, outbox });
    const replies = Array.isArray(out) ? out : [out];
    return { replies, deliveryIds: outbox.createdIds };
  } catch (e) {
    const ref = randomBytes(4).toString("hex");
    const err = asBotError(e, ref);
    if (err.code === "internal") log.error({ ref, err: e }, "command failed");
    else log.debug({ code: err.code, message: err.userMessage }, "input refused");
    const r = errorReply(err.userMessage);
    if (err instanceof InputError && Object.keys(err.fieldErrors).length > 0) r.fieldErrors = err.fieldErrors;
    return { replies: [r], deliveryIds: outbox.createdIds };
  }
}

/** Empty, over-long or non-text input is refused before anything is looked up. */
function checkInput(input: IncomingMessage, maxLength: number): void {
  if (input.kind !== "text") return;
  const text = input.text.trim();
  if (text.length === 0) throw new InputError("Say something, for example help, deadlines, or a question about the strategies.");
  if (text.length > maxLength)
    throw new InputError(`That message is ${text.length} characters long; I read at most ${maxLength}. Please shorten it.`);
}

