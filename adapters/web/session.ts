/**
 * Who is at the console: the session cookie names a person, and their Member rows (one per
 * working party) say what they may do there. Read on every request, so a role change counts at once.
 */
import type { FastifyRequest } from "fastify";
import { sessionPerson, type Person } from "../../src/admin/console-sign-in.ts";
import type { Runtime } from "../../src/runtime/open-runtime.ts";

export const SESSION_COOKIE = "secretariat_session";

export type Membership = Awaited<ReturnType<Runtime["store"]["repos"]["members"]["ofPerson"]>>[number];

declare module "fastify" {
  interface FastifyRequest {
    person: Person | null;
    memberships: Membership[];
    sessionToken: string | undefined;
    /** the membership of the working party the URL names, once `requireWorkingParty` passed */
    membership: Membership | undefined;
  }
}

/** Cookie options: http-only, SameSite=Lax (a link from Slack or Teams is a top-level GET), Secure on https. */
export function sessionCookieOptions(secure: boolean) {
  return { path: "/console", httpOnly: true, sameSite: "lax" as const, secure };
}

/** onRequest hook: fills request.person and request.memberships from the cookie. */
export function loadPerson(rt: Runtime, now: () => Date) {
  return async (request: FastifyRequest) => {
    request.person = null;
    request.memberships = [];
    request.membership = undefined;
    // The stylesheet and script are the same for everyone: no session lookup for them.
    if (request.url.startsWith("/console/assets/")) return;
    const token = request.cookies[SESSION_COOKIE];
    request.sessionToken = token;
    if (!token) return;
    const person = await sessionPerson(rt.store.repos, token, now());
    if (!person) return;
    request.person = person;
    request.memberships = await rt.store.repos.members.ofPerson(person.platform, person.platformUserId);
  };
}

/** The actor name the audit log uses for the person. */
export const actorRef = (p: Person) => `${p.platform}:${p.platformUserId}`;
