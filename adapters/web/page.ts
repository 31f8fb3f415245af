/** Helpers every page uses: the working party a URL names, the layout's data, the bot's commands. */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Role } from "../../src/core/message.ts";
import type { Reply } from "../../src/core/reply.ts";
import type { Runtime } from "../../src/runtime/open-runtime.ts";
import { type Membership } from "./session.ts";

/** Where a page sits, for the navigation. */
export interface Nav {
  wp: string;
  section: "overview" | "plans" | "collections" | "documents" | "reminders" | "members" | "channels" | "audit" | "timeline" | "mine";
  staff: boolean;
}

/** Renders a page inside the layout, with the person, their working parties and a fresh CSRF token. */
export async function page(request: FastifyRequest, reply: FastifyReply, template: string, data: Record<string, unknown>, status = 200): Promise<FastifyReply> {
  // viewAsync only renders; the status and type are set here, once.
  const csrf = reply.generateCsrf({ userInfo: request.person ? (request.sessionToken ?? "") : "anonymous" } as never);
  const notice = readNotice(request, reply);
  const html = await reply.viewAsync(template, { person: request.person ?? null, memberships: request.memberships ?? [], nav: null, notice, csrf, ...data }, { layout: "layout.eta" });
  return reply.code(status).type("text/html; charset=utf-8").send(html);
}

/** A one-line notice for the next page (after a redirect): signed, so it cannot be forged into the page. */
export function setNotice(reply: FastifyReply, text: string, tone: "ok" | "error" = "ok"): void {
  reply.setCookie("secretariat_notice", JSON.stringify({ text: text.slice(0, 1000), tone }), { path: "/console", httpOnly: true, sameSite: "lax", signed: true, maxAge: 60 });
}

function readNotice(request: FastifyRequest, reply: FastifyReply): { text: string; tone: string } | null {
  const raw = request.cookies.secretariat_notice;
  if (!raw) return null;
  reply.clearCookie("secretariat_notice", { path: "/console" });
  const v = request.unsignCookie(raw);
  if (!v.valid || !v.value) return null;
  try {
    return JSON.parse(v.value) as { text: string; tone: string };
  } catch {
    return null;
  }
}

/**
 * The membership for the working party in the URL, or ends the request: signed out → sign-in page;
 * not a member → 403; a role not in `roles` → 403. Returns null when the request was ended.
 */
export async function requireWorkingParty(request: FastifyRequest, reply: FastifyReply, roles?: readonly Role[]): Promise<Membership | null> {
  if (await refuseAnonymous(request, reply)) return null;
  const code = String((request.params as { wp?: string }).wp ?? "").toUpperCase();
  const m = request.memberships.find((x) => x.workingParty.code === code);
  if (!m) {
    await page(request, reply, "message.eta", { title: "Not yours", heading: "Not a working party of yours", text: `You are not a member of ${code || "that working party"}; nothing was changed. Your working parties are listed at the top.` }, 403);
    return null;
  }
  if (roles && !roles.includes(m.role as Role)) {
    await page(request, reply, "message.eta", { title: "Not allowed", heading: "Not allowed", text: `Only ${roles.join(" or ")} members of ${m.workingParty.code} can do this; you are ${m.role}. Nothing was changed.`, nav: navFor(m, "overview") }, 403);
    return null;
  }
  request.membership = m;
  return m;
}

export const STAFF: readonly Role[] = ["chair", "secretariat"];

export function navFor(m: Membership, section: Nav["section"]): Nav {
  return { wp: m.workingParty.code, section, staff: STAFF.includes(m.role as Role) };
}

/**
 * Runs one of the bot's commands as the signed-in member, in their working party: the same
 * validation, permissions and audit as in chat. Deliveries it creates go out with the scheduler.
 */
export async function runCommand(rt: Runtime, m: Membership, command: string, values: Record<string, unknown>, now: Date): Promise<{ ok: boolean; replies: Reply[]; fieldErrors: Record<string, string> }> {
  const result = await rt.bot.handle({
    platform: m.platform as "console",
    kind: "form",
    command,
    values,
    user: { id: m.platformUserId, name: m.displayName },
    conversation: { kind: "direct", id: `web:${m.platform}:${m.platformUserId}` },
    workingParty: m.workingParty.code,
    receivedAt: now,
  });
  const error = result.replies.find((r) => r.tone === "error");
  return { ok: !error, replies: result.replies, fieldErrors: error?.fieldErrors ?? {} };
}

/** The first line of a reply list, for a notice. */
export function summaryOf(replies: Reply[]): string {
  return replies.map((r) => r.blocks.map((b) => (b.type === "text" ? b.text : "")).filter(Boolean).join(" ") || r.summary).join(" ");
}

/** Ends the request with the sign-in page when nobody is signed in; returns whether it did. */
export async function refuseAnonymous(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  if (request.person) return false;
  await page(request, reply, "signed-out.eta", { title: "Sign in", expired: Boolean(request.sessionToken) }, 401);
  return true;
}
