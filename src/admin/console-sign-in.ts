/**
 * Sign-in to the web console without new credentials: the bot hands a member a single-use link
 * (chat `console`, CLI `secretariat console link`), opening it starts a session, and every request
 * reads the person's roles from their Member rows. Sign in with Slack or Microsoft Entra ID would
 * be one more way to reach `openSession` (its `method`), with the same sessions behind it.
 */
import { createHash, randomBytes } from "node:crypto";
import { InputError, NotFoundError } from "../core/errors.ts";
import type { Repositories, Store } from "../store/index.ts";
import type { Person } from "../store/console-access.ts";

/** A link is for opening now, from the chat it was sent to, not for keeping. */
export const LINK_MINUTES = 10;
/** A console left alone this long signs out. */
export const IDLE_MINUTES = 30;
/** However active, a session ends after a working day. */
export const SESSION_HOURS = 12;

export type { Person };

/** The path a sign-in link opens (below the console's prefix). */
export const SIGN_IN_PATH = "/console/sign-in/";

const hash = (token: string) => createHash("sha256").update(token).digest("hex");
const newToken = () => randomBytes(32).toString("base64url");

/** Only a token of the shape we issue is looked up; anything else is refused without a query. */
export function isTokenShaped(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/**
 * Issues a link for a person who is a member of at least one working party. `base` is the
 * public base URL (publicBaseUrl in src/config).
 */
export async function issueSignInLink(store: Store, person: Person, options: { base: string; now: Date; actor: string }): Promise<{ url: string; expires: string }> {
  const memberships = await store.repos.members.ofPerson(person.platform, person.platformUserId);
  if (memberships.length === 0) throw new NotFoundError(`${person.platform}:${person.platformUserId} is not a member of any working party; add them first (secretariat member set).`);
  const token = newToken();
  const expiresAt = new Date(options.now.getTime() + LINK_MINUTES * 60_000);
  await store.unitOfWork(async (uow) => {
    await uow.consoleAccess.saveSignInLink({ ...person, tokenHash: hash(token), expiresAt });
    await uow.audit.record({ workingPartyId: null, actor: options.actor, action: "console.link", subject: `${person.platform}:${person.platformUserId}`, detail: { expires: expiresAt.toISOString() }, at: options.now });
  });
  await store.repos.consoleAccess.prune(new Date(options.now.getTime() - 86_400_000));
  return { url: `${options.base.replace(/\/$/, "")}${SIGN_IN_PATH}${token}`, expires: expiresAt.toISOString() };
}

/** Opens a session from a link; a forged, reused or expired link is refused and changes nothing. */
export async function openSession(store: Store, token: string, now: Date, method = "link"): Promise<{ sessionToken: string; person: Person }> {
  const refused = "This sign-in link cannot be used: it was already used or has expired. Ask the bot for a new one: type console in a direct message to it.";
  if (!isTokenShaped(token)) throw new InputError("This is not a sign-in link the bot issued. Ask the bot for one: type console in a direct message to it.");
  const sessionToken = newToken();
  const person = await store.unitOfWork(async (uow) => {
    const p = await uow.consoleAccess.useSignInLink(hash(token), now);
    if (!p) return null;
    await uow.consoleAccess.saveSession({ ...p, tokenHash: hash(sessionToken), method, now, expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000) });
    await uow.audit.record({ workingPartyId: null, actor: `${p.platform}:${p.platformUserId}`, action: "console.sign-in", subject: method, at: now });
    return p;
  });
  if (!person) {
    if (await store.repos.consoleAccess.signInLinkExists(hash(token))) throw new InputError(refused);
    throw new InputError("This is not a sign-in link the bot issued. Ask the bot for one: type console in a direct message to it.");
  }
  return { sessionToken, person };
}

/** The person behind a session cookie, or null when it is unknown, ended, idle too long or past its end. */
export async function sessionPerson(repos: Pick<Repositories, "consoleAccess">, sessionToken: string, now: Date): Promise<Person | null> {
  if (!isTokenShaped(sessionToken)) return null;
  const row = await repos.consoleAccess.touchSession(hash(sessionToken), now, IDLE_MINUTES * 60_000);
  return row ? { platform: row.platform, platformUserId: row.platformUserId } : null;
}

export async function signOut(repos: Pick<Repositories, "consoleAccess">, sessionToken: string, now: Date): Promise<void> {
  if (isTokenShaped(sessionToken)) await repos.consoleAccess.endSession(hash(sessionToken), now);
}
