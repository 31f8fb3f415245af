/** Closing a collection: later submissions are still kept, marked late. */
import type { CommandContext } from "../core/command.ts";
import { InputError } from "../core/errors.ts";
import type { Collection } from "../store/index.ts";

/** Closes an open collection, with its audit entry, in one unit of work. */
export async function closeCollection(ctx: CommandContext, c: Collection, planNumber: number): Promise<Collection> {
  if (c.status === "closed") throw new InputError(`The collection for plan ${planNumber} is already closed (since ${c.closedAt?.toISOString().slice(0, 10) ?? "earlier"}).`);
  return ctx.deps.store.unitOfWork(async (uow) => {
    if (!(await uow.collections.close(c.id, ctx.now))) throw new InputError(`The collection for plan ${planNumber} was closed meanwhile.`);
    await uow.audit.record({ workingPartyId: c.workingPartyId, actor: ctx.actor.ref, action: "collection.close", subject: `collection:${c.id}`, detail: { plan: planNumber }, at: ctx.now });
    return { ...c, status: "closed", closedAt: ctx.now };
  });
}
