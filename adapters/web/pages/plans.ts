/**
 * Plans: the list, a plan's actions with their deadlines (in their own words and as the computed
 * day), editing a deadline or an action, and importing a plan file with a preview.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { BotError } from "../../../src/core/errors.ts";
import { addDeadline, previewPhrase, updateAction, updateDeadline } from "../../../src/planning/edit-plan.ts";
import { longDate, todayIn } from "../../../src/time/civil-date.ts";
import type { ConsoleContext } from "../index.ts";
import { navFor, page, requireWorkingParty, setNotice, STAFF } from "../page.ts";
import { actorRef, type Membership } from "../session.ts";
import { registerPlanImport } from "./plan-import.ts";

type WpParams = { wp: string; number: string };

export function registerPlanPages(app: FastifyInstance, ctx: ConsoleContext): void {
  const { rt, now } = ctx;
  const db = rt.store.db;

  app.get<{ Params: { wp: string } }>("/wp/:wp/plans", async (request, reply) => {
    const m = await requireWorkingParty(request, reply, STAFF);
    if (!m) return;
    const plans = await db.actionPlan.findMany({ where: { workingPartyId: m.workingPartyId }, orderBy: { number: "desc" }, include: { _count: { select: { actions: true } } } });
    return page(request, reply, "plans.eta", { title: `${m.workingParty.code} plans`, nav: navFor(m, "plans"), wp: m.workingParty, plans, longDate });
  });

  const loadPlan = async (m: Membership, number: string) => {
    if (!/^\d{1,9}$/.test(number)) return null;
    return db.actionPlan.findUnique({
      where: { workingPartyId_number: { workingPartyId: m.workingPartyId, number: Number(number) } },
      include: { strategy: true, actions: { orderBy: { ord: "asc" }, include: { deadlines: { orderBy: { ord: "asc" } }, objectives: true, leadMember: true } }, deadlines: { where: { actionId: null } } },
    });
  };
  const noPlan = (request: FastifyRequest, reply: FastifyReply, m: Membership, number: string) =>
    page(request, reply, "message.eta", { title: "No such plan", heading: "No such plan", text: `${m.workingParty.code} has no action plan ${number}.`, nav: navFor(m, "plans") }, 404);

  app.get<{ Params: WpParams }>("/wp/:wp/plans/:number", async (request, reply) => {
    const m = await requireWorkingParty(request, reply, STAFF);
    if (!m) return;
    const plan = await loadPlan(m, request.params.number);
    if (!plan) return noPlan(request, reply, m, request.params.number);
    const today = todayIn(now(), m.workingParty.timeZone);
    return page(request, reply, "plan.eta", { title: `${m.workingParty.code} plan ${plan.number}`, nav: navFor(m, "plans"), wp: m.workingParty, plan, today, longDate });
  });

  // The live preview of a deadline phrase (htmx swaps it in as you type; without JavaScript the
  // saved page shows the day).
  app.get<{ Params: { wp: string }; Querystring: { due?: string; reference?: string } }>("/wp/:wp/phrase", async (request, reply) => {
    const m = await requireWorkingParty(request, reply, STAFF);
    if (!m) return;
    const reference = /^\d{4}-\d{2}-\d{2}$/.test(request.query.reference ?? "") ? request.query.reference! : todayIn(now(), m.workingParty.timeZone);
    const r = previewPhrase(String(request.query.due ?? "").slice(0, 300), reference);
    return reply.type("text/html; charset=utf-8").viewAsync("parsed-day.eta", { r, longDate });
  });

  const editPage = async (request: FastifyRequest, reply: FastifyReply, m: Membership, deadlineId: number, form: Record<string, string> | null, error: string | null, status = 200) => {
    const d = await db.deadline.findUnique({ where: { id: deadlineId }, include: { plan: true, action: true } });
    if (!d || d.plan.workingPartyId !== m.workingPartyId) return page(request, reply, "message.eta", { title: "No such deadline", heading: "No such deadline", text: `That deadline is not in a plan of ${m.workingParty.code}; nothing was changed.`, nav: navFor(m, "plans") }, 404);
    const due = form?.due ?? d.text;
    return page(request, reply, "deadline-edit.eta", { title: `Edit deadline`, nav: navFor(m, "plans"), wp: m.workingParty, d, due, what: form?.what ?? d.what ?? "", parsed: previewPhrase(due, d.plan.startDate), error, longDate }, status);
  };

  app.get<{ Params: WpParams & { id: string } }>("/wp/:wp/plans/:number/deadlines/:id", async (request, reply) => {
    const m = await requireWorkingParty(request, reply, STAFF);
    if (!m) return;
    return editPage(request, reply, m, Number(request.params.id) || 0, null, null);
  });

  app.post<{ Params: WpParams & { id: string }; Body: Record<string, string> }>("/wp/:wp/plans/:number/deadlines/:id", { preHandler: app.csrfProtection }, async (request, reply) => {
    const m = await requireWorkingParty(request, reply, STAFF);
    if (!m) return;
    const id = Number(request.params.id) || 0;
    try {
      const d = await updateDeadline(db, id, { due: request.body.due ?? "", what: request.body.what }, { workingPartyId: m.workingPartyId, actor: actorRef(request.person!), now: now() });
      setNotice(reply, `Saved: "${d.text}" is due ${longDate(d.dueDate)}.`);
      return reply.redirect(`/console/wp/${m.workingParty.code}/plans/${request.params.number}#deadline-${d.id}`, 303);
    } catch (e) {
      if (!(e instanceof BotError)) throw e;
      return editPage(request, reply, m, id, request.body, e.userMessage, 400);
    }
  });

  app.post<{ Params: WpParams & { id: string }; Body: Record<string, string> }>("/wp/:wp/plans/:number/actions/:id/deadlines", { preHandler: app.csrfProtection }, async (request, reply) => {
    const m = await requireWorkingParty(request, reply, STAFF);
    if (!m) return;
    try {
      const d = await addDeadline(db, Number(request.params.id) || 0, { due: request.body.due ?? "", what: request.body.what }, { workingPartyId: m.workingPartyId, actor: actorRef(request.person!), now: now() });
      setNotice(reply, `Added: "${d.text}" is due ${longDate(d.dueDate)}.`);
    } catch (e) {
      if (!(e instanceof BotError)) throw e;
      setNotice(reply, e.userMessage, "error");
    }
    return reply.redirect(`/console/wp/${m.workingParty.code}/plans/${request.params.number}`, 303);
  });

  app.get<{ Params: WpParams & { id: string } }>("/wp/:wp/plans/:number/actions/:id", async (request, reply) => {
    const m = await requireWorkingParty(request, reply, STAFF);
    if (!m) return;
    const a = await db.action.findUnique({ where: { id: Number(request.params.id) || 0 }, include: { plan: true } });
    if (!a || a.plan.workingPartyId !== m.workingPartyId) return noPlan(request, reply, m, request.params.number);
    return page(request, reply, "action-edit.eta", { title: `Edit action ${a.code}`, nav: navFor(m, "plans"), wp: m.workingParty, a, form: a, errors: {} });
  });

  app.post<{ Params: WpParams & { id: string }; Body: Record<string, string> }>("/wp/:wp/plans/:number/actions/:id", { preHandler: app.csrfProtection }, async (request, reply) => {
    const m = await requireWorkingParty(request, reply, STAFF);
    if (!m) return;
    const id = Number(request.params.id) || 0;
    try {
      const a = await updateAction(db, id, { title: request.body.title ?? "", goals: request.body.goals, outcome: request.body.outcome, leadDelegation: request.body.leadDelegation }, { workingPartyId: m.workingPartyId, actor: actorRef(request.person!), now: now() });
      setNotice(reply, `Saved action ${a.code}.`);
      return reply.redirect(`/console/wp/${m.workingParty.code}/plans/${request.params.number}#action-${a.id}`, 303);
    } catch (e) {
      if (!(e instanceof BotError)) throw e;
      const a = await db.action.findUnique({ where: { id }, include: { plan: true } });
      if (!a || a.plan.workingPartyId !== m.workingPartyId) return page(request, reply, "message.eta", { title: "Refused", heading: "Refused", text: e.userMessage, nav: navFor(m, "plans") }, 400);
      return page(request, reply, "action-edit.eta", { title: `Edit action ${a.code}`, nav: navFor(m, "plans"), wp: m.workingParty, a, form: request.body, errors: (e as { fieldErrors?: Record<string, string> }).fieldErrors ?? {}, error: e.userMessage }, 400);
    }
  });

  registerPlanImport(app, ctx);
}
