/**
 * The core's one entry. Slack, Teams, the console and `secretariat say` hand every input here:
 * text, button presses and form submissions. Each command runs in one unit of work: its changes,
 * audit entries and outbox rows commit together, or none of them do and nothing is sent. Errors
 * are caught here, once, and become a reply.
 */
import { randomBytes } from "node:crypto";
import type { CoreDeps } from "../core/command.ts";
import { asBotError, InputError, PermissionError } from "../core/errors.ts";
import type { IncomingMessage } from "../core/message.ts";
import { errorReply, type Reply } from "../core/reply.ts";
import { Outbox } from "../outbox/outbox.ts";
import type { UnitOfWork } from "../store/index.ts";
import { resolveActor } from "./members.ts";
import type { CommandRouter } from "./router.ts";
import { withTypedForms } from "./typed-forms.ts";

export interface HandleResult {
  replies: Reply[];
  /** outbox deliveries this message caused, committed with it, to be sent right after */
  deliveryIds: number[];
}

export async function handleMessage(input: IncomingMessage, router: CommandRouter, deps: CoreDeps): Promise<HandleResult> {
  const log = deps.logger.child({ platform: input.platform, user: input.user.id });
  let workingPartyId: number | undefined;
  try {
    checkInput(input, deps.config.MAX_MESSAGE_LENGTH);
    const run = async (uow: UnitOfWork): Promise<HandleResult> => {
      const store = uow.store;
      const actor = await resolveActor(uow, input, deps.config.DEFAULT_WORKING_PARTY);
      workingPartyId = actor.workingParty.id;
      const routed = router.route(input, actor);
      const outbox = new Outbox(store);
      const out = await routed.command.handler(routed.args, { actor, deps: { ...deps, store }, now: input.receivedAt, message: input, outbox, uow });
      return { replies: withTypedForms(Array.isArray(out) ? out : [out], (id) => router.get(id)), deliveryIds: outbox.createdIds };
    };
    const readOnly = router.match(input).command.readOnly === true;
    return readOnly ? await run({ ...deps.store.repos, store: deps.store }) : await deps.store.unitOfWork(run);
  } catch (e) {
    const ref = randomBytes(4).toString("hex");
    const err = asBotError(e, ref);
    if (err.code === "internal") log.error({ ref, err: e }, "command failed");
    else log.debug({ code: err.code, message: err.userMessage }, "input refused");
    // The refusal is worth keeping although the command's own unit of work was rolled back.
    if (err instanceof PermissionError && workingPartyId !== undefined) await recordRefusal(deps, input, workingPartyId, err).catch((x: unknown) => log.error({ err: x }, "could not audit a refusal"));
    const r = errorReply(err.userMessage);
    if (err.said) r.said = err.said;
    if (err instanceof InputError && Object.keys(err.fieldErrors).length > 0) r.fieldErrors = err.fieldErrors;
    return { replies: [r], deliveryIds: [] };
  }
}

function recordRefusal(deps: CoreDeps, input: IncomingMessage, workingPartyId: number, err: PermissionError): Promise<void> {
  return deps.store.repos.audit.record({
    workingPartyId,
    actor: `${input.platform}:${input.user.id}`,
    action: err.audit.action ?? "permission.refused",
    subject: err.audit.subject ?? (input.kind === "text" ? input.text.slice(0, 200) : input.command),
    ...(err.audit.detail ? { detail: err.audit.detail } : {}),
    at: input.receivedAt,
  });
}

/** Empty, over-long or non-text input is refused before anything is looked up. */
function checkInput(input: IncomingMessage, maxLength: number): void {
  if (input.kind !== "text") return;
  const text = input.text.trim();
  if (text.length === 0) throw new InputError("Say something, for example help, deadlines, or a question about the strategies.");
  if (text.length > maxLength)
    throw new InputError(`That message is ${text.length} characters long; I read at most ${maxLength}. Please shorten it.`);
}
