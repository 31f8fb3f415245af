/** The overview of a working party, and the list of working parties with the form to add one. */
import type { FastifyInstance } from "fastify";
import { createWorkingPartyAs, listWorkingParties, updateWorkingParty } from "../../../src/admin/working-party.ts";
import { BotError } from "../../../src/core/errors.ts";
import { collectionStatus } from "../../../src/collection/status.ts";
import { loadSnapshot } from "../../../src/collection/snapshot.ts";
import { listDeadlines } from "../../../src/planning/deadlines/deadlines.ts";
import { adoptionSentence, currentPlan, laterPlanExists } from "../../../src/planning/cycle/plans.ts";
import { dueWords } from "../../../src/time/due-words.ts";
import { addCivilDays, longDate, todayIn } from "../../../src/time/civil-date.ts";
import type { ConsoleContext } from "../index.ts";
import { navFor, page, refuseAnonymous, requireWorkingParty, setNotice, STAFF } from "../page.ts";
import { actorRef } from "../session.ts";

export function registerOverview(app: FastifyInstance, { rt, now }: ConsoleContext): void {
  const repos = rt.store.repos;
  app.get<{ Params: { wp: string } }>("/wp/:wp/", async (request, reply) => {
    const m = await requireWorkingParty(request, reply);
    if (!m) return;
    const wp = m.workingParty;
    const today = todayIn(now(), wp.timeZone);
    const plan = await currentPlan(repos, wp.id, today);
    const later = plan ? await laterPlanExists(repos, wp.id, plan) : false;
    const soon = await listDeadlines(repos, { workingPartyId: wp.id, from: today, until: addCivilDays(today, 30), limit: 200 }, today);
    const overdue = await listDeadlines(repos, { workingPartyId: wp.id, overdue: true, limit: 200 }, today);
    const open = (await repos.collections.openIn(wp.id)).reverse();
    const collections = await Promise.all(open.map(async (c) => collectionStatus(await loadSnapshot(repos, c.id), now())));
    return page(request, reply, "overview.eta", {
      title: `${wp.code} overview`,
      nav: navFor(m, "overview"),
      wp,
      role: m.role,
      plan,
      adoption: plan ? adoptionSentence(plan, later, today) : null,
      soon: soon.filter((d) => d.status !== "done"),
      overdue,
      collections,
      today,
      longDate,
      // the plan's words only when they say more than the day beside them (one date form per page)
      dueWords,
      staff: STAFF.includes(m.role as never),
    });
  });

  // The working party's settings (the same use case as `wp set`): the secretariat's only.
  app.post<{ Params: { wp: string }; Body: Record<string, string> }>("/wp/:wp/settings", { preHandler: app.csrfProtection }, async (request, reply) => {
    const m = await requireWorkingParty(request, reply, ["secretariat"]);
    if (!m) return;
    const f = request.body ?? {};
    const num = (v: string | undefined) => (v && /^\d+$/.test(v.trim()) ? Number(v) : v ? Number.NaN : undefined);
    try {
      const wp = await updateWorkingParty(rt.store, m.workingParty.code, { name: f.name || undefined, timeZone: f.timeZone || undefined, planMonths: num(f.planMonths), adoptLeadMonths: num(f.adoptLeadMonths) }, { actor: actorRef(request.person!), now: now() });
      setNotice(reply, `Saved ${wp.code}: ${wp.timeZone}, ${wp.planMonths}-month plans, adopt ${wp.adoptLeadMonths} months before the end. Plans already made keep their dates.`);
    } catch (e) {
      if (!(e instanceof BotError)) throw e;
      setNotice(reply, `${e.userMessage} Nothing was changed.`, "error");
    }
    return reply.redirect(`/console/wp/${m.workingParty.code}/`, 303);
  });

  app.get("/working-parties", async (request, reply) => {
    if (await refuseAnonymous(request, reply)) return;
    const all = await listWorkingParties(rt.store.repos);
    const mine = new Map(request.memberships.map((m) => [m.workingPartyId, m.role]));
    return page(request, reply, "working-parties.eta", {
      title: "Working parties",
      parties: all.filter((w) => mine.has(w.id)).map((w) => ({ ...w, role: mine.get(w.id) })),
      canCreate: request.memberships.some((m) => m.role === "secretariat"),
      form: {},
      errors: {},
    });
  });

  app.post<{ Body: Record<string, string> }>("/working-parties", { preHandler: app.csrfProtection }, async (request, reply) => {
    if (await refuseAnonymous(request, reply)) return;
    const sec = request.memberships.find((m) => m.role === "secretariat");
    const form = request.body ?? {};
    const rerender = async (errors: Record<string, string>, message: string) => {
      const all = await listWorkingParties(rt.store.repos);
      const mine = new Map(request.memberships.map((m) => [m.workingPartyId, m.role]));
      return page(request, reply, "working-parties.eta", { title: "Working parties", parties: all.filter((w) => mine.has(w.id)).map((w) => ({ ...w, role: mine.get(w.id) })), canCreate: Boolean(sec), form, errors, error: message }, 400);
    };
    if (!sec) return rerender({}, "Only the secretariat of a working party can create another one; nothing was changed.");
    const num = (v: string | undefined) => (v && /^\d+$/.test(v.trim()) ? Number(v) : v ? Number.NaN : undefined);
    try {
      const wp = await createWorkingPartyAs(
        rt.store,
        { code: form.code ?? "", name: form.name ?? "", timeZone: form.timeZone || undefined, planMonths: num(form.planMonths), adoptLeadMonths: num(form.adoptLeadMonths) },
        { actor: actorRef(request.person!), now: now(), creator: { platform: sec.platform, platformUserId: sec.platformUserId, displayName: sec.displayName, delegation: sec.delegation } },
      );
      setNotice(reply, `Created ${wp.code} (${wp.name}). You are its secretariat.`);
      return reply.redirect(`/console/wp/${wp.code}/`, 303);
    } catch (e) {
      if (!(e instanceof BotError)) throw e;
      return rerender((e as { fieldErrors?: Record<string, string> }).fieldErrors ?? {}, e.userMessage);
    }
  });
}
