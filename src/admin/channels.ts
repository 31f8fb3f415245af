/**
 * Channel bindings as the secretariat manages them: which channels a working party's reminders and
 * secretariat messages go to. Every change is audited in the caller's unit of work. The adapters
 * come here too when the bot is added to a channel, never to the store directly.
 */
import { z } from "zod";
import { NotFoundError } from "../core/errors.ts";
import { PURPOSES, type BindingKey, type Repositories } from "../store/index.ts";

export { PURPOSES } from "../store/index.ts";
export const Purpose = z.enum(PURPOSES);
export type Purpose = z.infer<typeof Purpose>;

/** Who did it, for the audit log ("slack:U0123", "teams:install", "cli"), and when. */
export interface ChangedBy {
  actor: string;
  at: Date;
}

/** Binds a channel for a purpose (idempotent), audited; returns whether it was new. */
export async function bindChannel(repos: Repositories, b: BindingKey & { name?: string; conversationRef?: string | null }, by: ChangedBy): Promise<boolean> {
  const created = await repos.channels.bind(b);
  await repos.audit.record({ workingPartyId: b.workingPartyId, actor: by.actor, action: "channel.bind", subject: `${b.platform}:${b.channelId}`, detail: { purpose: b.purpose }, at: by.at });
  return created;
}

/** Unbinds a channel, audited; NotFoundError when it was not bound for that purpose. */
export async function unbindChannel(repos: Repositories, b: BindingKey, by: ChangedBy): Promise<void> {
  if (!(await repos.channels.unbind(b))) throw new NotFoundError(`${b.channelId} is not bound for ${b.purpose}.`);
  await repos.audit.record({ workingPartyId: b.workingPartyId, actor: by.actor, action: "channel.unbind", subject: `${b.platform}:${b.channelId}`, detail: { purpose: b.purpose }, at: by.at });
}

/**
 * The bot was added to (or spoke in) a platform channel: keep its conversation reference on the
 * bindings the secretariat made for it, or, when it has none, bind it as a "general" channel of
 * the default working party (audited as `channel.bind` by `by.actor`). `ref` is the platform's
 * reference object (Teams: a ConversationReference).
 */
export async function rememberChannel(
  repos: Repositories,
  c: { platform: string; channelId: string; name: string; ref: unknown; defaultWorkingParty: string },
  by: ChangedBy,
): Promise<void> {
  if ((await repos.channels.ofChannel(c.platform, c.channelId)).length > 0) {
    await repos.channels.refreshConversationRef(c.platform, c.channelId, c.ref);
    // A binding made in chat is named by the channel's id until the platform names the channel.
    if (c.name !== c.channelId) await repos.channels.nameUnnamed(c.platform, c.channelId, c.name);
    return;
  }
  const wp = await repos.workingParties.find(c.defaultWorkingParty);
  if (!wp) return;
  await bindChannel(repos, { workingPartyId: wp.id, platform: c.platform, channelId: c.channelId, purpose: "general", name: c.name, conversationRef: JSON.stringify(c.ref) }, by);
}

/**
 * A channel belongs to one working party: binding it to `workingPartyId` first removes its
 * bindings to any other, each audited. Returns the codes it was moved from.
 */
export async function moveChannel(repos: Repositories, channel: { platform: string; channelId: string }, workingPartyId: number, by: ChangedBy): Promise<string[]> {
  const from: string[] = [];
  for (const b of await repos.channels.ofChannel(channel.platform, channel.channelId)) {
    if (b.workingPartyId === workingPartyId) continue;
    await unbindChannel(repos, { workingPartyId: b.workingPartyId, platform: b.platform, channelId: b.channelId, purpose: b.purpose as Purpose }, by);
    const wp = await repos.workingParties.byId(b.workingPartyId);
    if (wp && !from.includes(wp.code)) from.push(wp.code);
  }
  return from;
}
