/**
 * Who is speaking: the working party a message belongs to and the member behind it. A member is
 * created on first contact as a delegate; roles and delegations are set by the secretariat (or
 * asserted by a trusted local operator on the console).
 */
import type { Actor } from "../core/actor.ts";
import { NotFoundError } from "../core/errors.ts";
import { ROLES, type IncomingMessage, type Role } from "../core/message.ts";
import type { Member, Repositories, WorkingParty } from "../store/index.ts";

/** The working party of a message: the adapter's hint, then the channel binding, then the default. */
export async function resolveWorkingParty(repos: Repositories, message: IncomingMessage, defaultCode: string): Promise<WorkingParty> {
  if (message.workingParty) return repos.workingParties.get(message.workingParty);
  if (message.conversation.kind === "channel") {
    const [binding] = await repos.channels.ofChannel(message.platform, message.conversation.id);
    const wp = binding ? await repos.workingParties.byId(binding.workingPartyId) : null;
    if (wp) return wp;
  }
  const wp = await repos.workingParties.fallback(defaultCode);
  if (!wp) throw new NotFoundError("No working party is set up yet. Ask the secretariat to import one.");
  return wp;
}

export async function resolveActor(repos: Repositories, message: IncomingMessage, defaultCode: string): Promise<Actor> {
  const workingParty = await resolveWorkingParty(repos, message, defaultCode);
  const { user, platform } = message;
  const trusted = platform === "console" ? user.claims : undefined;
  const key = { workingPartyId: workingParty.id, platform, platformUserId: user.id };
  const existing = await repos.members.find(key);
  const changes: Partial<Member> = {};
  if (trusted?.role && trusted.role !== existing?.role) changes.role = trusted.role;
  if (trusted?.delegation !== undefined && trusted.delegation !== existing?.delegation) changes.delegation = trusted.delegation;
  if (user.name && user.name !== existing?.displayName) changes.displayName = user.name;
  if (user.timeZone && user.timeZone !== existing?.timeZone) changes.timeZone = user.timeZone;
  if (user.directRef && user.directRef !== existing?.directRef) changes.directRef = user.directRef;
  let member = existing;
  if (!member || Object.keys(changes).length > 0) member = await repos.members.save(key, user.name ?? user.id, changes);
  return {
    member,
    role: (ROLES as readonly string[]).includes(member.role) ? (member.role as Role) : "delegate",
    delegation: member.delegation,
    workingParty,
    platform,
    ref: `${platform}:${user.id}`,
  };
}
