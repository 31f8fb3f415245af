/**
 * Who is speaking: the working party a message belongs to and the member behind it. A member is
 * created on first contact as a delegate; roles and delegations are set by the secretariat (or
 * asserted by a trusted local operator on the console).
 */
import type { Actor } from "../core/actor.ts";
import { InputError, NotFoundError } from "../core/errors.ts";
import { ROLES, type IncomingMessage, type Role } from "../core/message.ts";
import type { Member, Repositories, WorkingParty } from "../store/index.ts";

/**
 * The working party of a message: the adapter's hint, then the channel's binding (a channel
 * belongs to one working party), then, in a direct message, the person's own: the only one they
 * are a member of, or the one they chose with `wp use CODE`. A person in several who has not
 * chosen is asked which; someone in none (first contact) gets the default.
 */
export async function resolveWorkingParty(repos: Repositories, message: IncomingMessage, defaultCode: string): Promise<WorkingParty> {
  if (message.workingParty) return repos.workingParties.get(message.workingParty);
  const chosen = chosenInMessage(message);
  if (chosen) {
    const own = await repos.members.ofPerson(message.platform, message.user.id);
    const pick = own.find((m) => m.workingParty.code === chosen.toUpperCase());
    if (!pick) throw new InputError(`You are not a member of ${chosen.toUpperCase()}${own.length ? `; yours: ${own.map((m) => m.workingParty.code).join(", ")}` : ""}. Nothing was changed.`);
    return pick.workingParty;
  }
  if (message.conversation.kind === "channel") {
    const [binding] = await repos.channels.ofChannel(message.platform, message.conversation.id);
    const wp = binding ? await repos.workingParties.byId(binding.workingPartyId) : null;
    if (wp) return wp;
  } else {
    const own = await repos.members.ofPerson(message.platform, message.user.id);
    if (own.length === 1) return own[0]!.workingParty;
    if (own.length > 1) {
      const preferred = await repos.preferences.directWorkingParty(message.platform, message.user.id);
      const pick = own.find((m) => m.workingParty.code === preferred);
      if (pick) return pick.workingParty;
      // Asking for a sign-in link, help or the list of working parties is the same in each.
      if (message.kind === "text" && ANY_WORKING_PARTY.test(message.text.trim())) return own[0]!.workingParty;
      const codes = own.map((m) => m.workingParty.code);
      throw new InputError(`You are a member of ${codes.slice(0, -1).join(", ")} and ${codes.at(-1)}. Which working party is this about? Type wp use ${codes[1]} (or wp use ${codes[0]}); you can switch at any time. Nothing was changed.`);
    }
  }
  const wp = await repos.workingParties.fallback(defaultCode);
  if (!wp) throw new NotFoundError("No working party is set up yet. Ask the secretariat to import one.");
  return wp;
}

/** Commands whose answer does not depend on the working party. */
const ANY_WORKING_PARTY = /^(?:\/wp\s+)?(?:console|web console|sign in|wp list|wps|(?:list )?working parties|help(?:\s.*)?|\?|commands)$/i;

/** `wp use CODE` names its own working party, so it can be answered before any is chosen. */
function chosenInMessage(message: IncomingMessage): string | undefined {
  if (message.conversation.kind !== "direct") return undefined;
  if (message.kind === "text") return /^(?:\/wp\s+)?wp\s+use\s+([A-Za-z0-9_-]{2,20})$/i.exec(message.text.trim())?.[1];
  if (message.kind === "action" && message.command === "wp.use" && typeof message.args.code === "string") return message.args.code;
  return undefined;
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
  // A role or delegation given by the operator's console (`say --role`, the terminal chat) is a
  // change of who may do what: audited like `role NAME …`, in the same unit of work.
  for (const field of ["role", "delegation"] as const) {
    if (changes[field] === undefined) continue;
    await repos.audit.record({
      workingPartyId: workingParty.id,
      actor: "cli",
      action: `member.${field}`,
      subject: `${platform}:${user.id}`,
      detail: { from: existing?.[field] ?? null, to: changes[field], via: "console claims" },
      at: message.receivedAt,
    });
  }
  return {
    member,
    role: (ROLES as readonly string[]).includes(member.role) ? (member.role as Role) : "delegate",
    delegation: member.delegation,
    workingParty,
    platform,
    ref: `${platform}:${user.id}`,
  };
}
