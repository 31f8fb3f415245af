/**
 * Who is speaking: the working party a message belongs to and the member behind it. A member is
 * created on first contact as a delegate; roles and delegations are set by the secretariat (or
 * asserted by a trusted local operator on the console).
 */
import type { Db, Member, WorkingParty } from "../store/index.ts";
import { InputError, NotFoundError } from "../core/errors.ts";
import { chosenWorkingParty } from "../admin/dm-choice.ts";
import type { Actor } from "../core/actor.ts";
import type { IncomingMessage, Role } from "../core/message.ts";
import { ROLES } from "../core/message.ts";

/**
 * The working party of a message: the adapter's hint, then the channel's binding (a channel
 * belongs to one working party), then, in a direct message, the person's own: the only one they
 * are a member of, or the one they chose with `wp use CODE`. A person in several who has not
 * chosen is asked which; someone in none (first contact) gets the default.
 */
export async function resolveWorkingParty(db: Db, message: IncomingMessage, defaultCode: string): Promise<WorkingParty> {
  if (message.workingParty) {
    const wp = await db.workingParty.findUnique({ where: { code: message.workingParty } });
    if (!wp) throw new NotFoundError(`There is no working party ${message.workingParty}.`);
    return wp;
  }
  const chosen = chosenInMessage(message);
  if (chosen) {
    const own = await db.member.findMany({ where: { platform: message.platform, platformUserId: message.user.id }, include: { workingParty: true } });
    const pick = own.find((m) => m.workingParty.code === chosen.toUpperCase());
    if (!pick) throw new InputError(`You are not a member of ${chosen.toUpperCase()}${own.length ? `; yours: ${own.map((m) => m.workingParty.code).join(", ")}` : ""}. Nothing was changed.`);
    return pick.workingParty;
  }
  if (message.conversation.kind === "channel") {
    const binding = await db.channelBinding.findFirst({
      where: { platform: message.platform, channelId: message.conversation.id },
      include: { workingParty: true },
      orderBy: { id: "asc" },
    });
    if (binding) return binding.workingParty;
  } else {
    const own = await db.member.findMany({ where: { platform: message.platform, platformUserId: message.user.id }, include: { workingParty: true }, orderBy: { workingPartyId: "asc" } });
    if (own.length === 1) return own[0]!.workingParty;
    if (own.length > 1) {
      const chosen = await chosenWorkingParty(db, message.platform, message.user.id);
      const pick = own.find((m) => m.workingParty.code === chosen);
      if (pick) return pick.workingParty;
      // Asking for a sign-in link, help or the list of working parties is the same in each.
      if (message.kind === "text" && ANY_WORKING_PARTY.test(message.text.trim())) return own[0]!.workingParty;
      const codes = own.map((m) => m.workingParty.code);
      throw new InputError(`You are a member of ${codes.slice(0, -1).join(", ")} and ${codes.at(-1)}. Which working party is this about? Type wp use ${codes[1]} (or wp use ${codes[0]}); you can switch at any time. Nothing was changed.`);
    }
  }
  const wp =
    (await db.workingParty.findUnique({ where: { code: defaultCode } })) ??
    (await db.workingParty.findFirst({ orderBy: { id: "asc" } }));
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

export async function resolveActor(db: Db, message: IncomingMessage, defaultCode: string): Promise<Actor> {
  const workingParty = await resolveWorkingParty(db, message, defaultCode);
  const { user, platform } = message;
  const trusted = platform === "console" ? user.claims : undefined;
  const key = { workingPartyId: workingParty.id, platform, platformUserId: user.id };
  const existing = await db.member.findUnique({ where: { workingPartyId_platform_platformUserId: key } });
  const changes: Partial<Member> = {};
  if (trusted?.role && trusted.role !== existing?.role) changes.role = trusted.role;
  if (trusted?.delegation !== undefined && trusted.delegation !== existing?.delegation) changes.delegation = trusted.delegation;
  if (user.name && user.name !== existing?.displayName) changes.displayName = user.name;
  if (user.timeZone && user.timeZone !== existing?.timeZone) changes.timeZone = user.timeZone;
  if (user.directRef && user.directRef !== existing?.directRef) changes.directRef = user.directRef;
  let member = existing;
  if (!member || Object.keys(changes).length > 0) {
    member = await db.member.upsert({
      where: { workingPartyId_platform_platformUserId: key },
      create: { ...key, displayName: user.name ?? user.id, role: "delegate", ...changes },
      update: changes,
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

/** Reads a user named in a command: "<@U0123>", "@alice" or "alice". */
export function parseUserMention(text: string): string {
  return text.trim().replace(/^<@([^>|]+)(\|[^>]*)?>$/, "$1").replace(/^@/, "");
}
