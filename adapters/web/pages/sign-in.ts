/**
 * Signing in and out. Opening a link shows a button rather than signing in at once: chat apps and
 * mail scanners fetch links to preview them, and a GET that used up the link would lock its owner out.
 */
import type { FastifyInstance } from "fastify";
import { isTokenShaped, openSession, signOut } from "../../../src/admin/console-sign-in.ts";
import { BotError } from "../../../src/core/errors.ts";
import type { ConsoleContext } from "../index.ts";
import { page } from "../page.ts";
import { SESSION_COOKIE, sessionCookieOptions } from "../session.ts";

export function registerSignIn(app: FastifyInstance, { rt, now, secure }: ConsoleContext): void {
  app.get("/", async (request, reply) => {
    if (!request.person) return page(request, reply, "signed-out.eta", { title: "Sign in", expired: Boolean(request.sessionToken) });
    const first = request.memberships[0];
    return reply.redirect(first ? `/console/wp/${first.workingParty.code}/` : "/console/working-parties", 303);
  });

  const limited = { config: { rateLimit: { max: 20, timeWindow: "1 minute" } } };
  app.get<{ Params: { token: string } }>("/sign-in/:token", limited, async (request, reply) => {
    const ok = isTokenShaped(request.params.token);
    return page(request, reply, "sign-in.eta", { title: "Sign in", token: ok ? request.params.token : null }, ok ? 200 : 400);
  });
  app.post<{ Params: { token: string } }>("/sign-in/:token", { ...limited, preHandler: app.csrfProtection }, async (request, reply) => {
    try {
      const { sessionToken } = await openSession(rt.store, request.params.token, now());
      reply.setCookie(SESSION_COOKIE, sessionToken, sessionCookieOptions(secure));
      return reply.redirect("/console/", 303);
    } catch (e) {
      if (!(e instanceof BotError)) throw e;
      return page(request, reply, "message.eta", { title: "Sign-in refused", heading: "This link cannot be used", text: e.userMessage }, 400);
    }
  });
  app.post("/sign-out", { preHandler: app.csrfProtection }, async (request, reply) => {
    if (request.sessionToken) await signOut(rt.store.repos, request.sessionToken, now());
    reply.clearCookie(SESSION_COOKIE, { path: "/console" });
    return reply.redirect("/console/", 303);
  });
  // The Teams personal tab: Teams shows it in a frame, where cookies of another site are not kept,
  // so it explains how to get a link and opens the console in the browser. Only this page may be
  // framed, and only by the hosts Microsoft lists for tabs.
  app.get("/teams-tab", async (request, reply) => {
    reply.header("content-security-policy", `default-src 'self'; frame-ancestors 'self' ${TEAMS_TAB_HOSTS.join(" ")}`);
    reply.removeHeader("x-frame-options");
    return page(request, reply, "teams-tab.eta", { title: "Secretariat console" });
  });
}

/**
 * The hosts that show a Teams personal tab in a frame: Teams, and Microsoft 365 and Outlook,
 * where a v1.13+ manifest's personal tabs also appear (Microsoft's "tab requirements" page).
 */
export const TEAMS_TAB_HOSTS = [
  "https://teams.microsoft.com",
  "https://*.teams.microsoft.com",
  "https://*.cloud.microsoft",
  "https://*.microsoft365.com",
  "https://*.office.com",
  "https://outlook.office.com",
  "https://outlook.office365.com",
] as const;
