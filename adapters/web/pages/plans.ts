/**
 * Plans: the list, a plan's actions with their deadlines (in their own words and as the computed
 * day), editing a deadline or an action, importing a plan file with a preview, and removing a plan.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { BotError } from "../../../src/core/errors.ts";
import { addDeadline, readPlanPhrase, updateDeadline } from "../../../src/planning/plan-file/edit-plan.ts";
import { leadLabel } from "../../../src/store/plans/leads.ts";
import { isCivilDate, longDate, todayIn } from "../../../src/time/civil-date.ts";
import type { ConsoleContext } from "../index.ts";
import { navFor, page, requireWorkingParty, runCommand, setNotice, STAFF, summaryOf } from "../page.ts";
import { actorRef, type Membership } from "../session.ts";
import { registerActionForm } from "./action-form.ts";
import { registerPlanImport } from "./plan-import.ts";

type WpParams = { wp: string; number: string };

export function registerPlanPages(app: FastifyInstance, ctx: ConsoleContext): void {
  const { rt, now } = ctx;
  const plans = rt.store.repos.actionPlans;

  app.get<{ Params: { wp: string } }>("/wp/:wp/plans", async (request, reply) => {
    const m = await requireWorkingParty(request, reply, STAFF);
    if (!m) return;
    return page(request, reply, "plans.eta", { title: `${m.workingParty.code} plans`, nav: navFor(m, "plans"), wp: m.workingParty, plans: await plans.list(m.workingPartyId), longDate });
  });

  const loadPlan = async (m: Membership, number: string) => (/^\d{1,9}$/.test(number) ? plans.withActions(m.workingPartyId, Number(number)) : null);
  const noPlan = (request: FastifyRequest, reply: FastifyReply, m: Membership, number: string) =>
    page(request, reply, "message.eta", { title: "No such plan", heading: "No such plan", text: `${m.workingParty.code} has no action plan ${number}.`, nav: navFor(m, "plans") }, 404);

  app.get<{ Params: WpParams }>("/wp/:wp/plans/:number", async (request, reply) => {
    const m = await requireWorkingParty(request, reply, STAFF);
    if (!m) return;
    const plan = await loadPlan(m, request.params.number);
    if (!plan) return noPlan(request, reply, m, request.params.number);
    const today = todayIn(now(), m.workingParty.timeZone);
    return page(request, reply, "plan.eta", { title: `${m.workingParty.code} plan ${plan.number}`, nav: navFor(m, "plans"), wp: m.workingParty, plan, today, longDate, leadLabel, role: m.role });
  });

  // Removing a plan imported by mistake: the chat command `remove plan N confirm`, so the same
  // role check, refusals (open collection, stored reports) and audit entry. The ticked box is the
  // confirmation; without it nothing is removed.
  app.post<{ Params: WpParams; Body: Record<string, string> }>("/wp/:wp/plans/:number/remove", { preHandler: app.csrfProtection }, async (request, reply) => {
    const m = await requireWorkingParty(request, reply, STAFF);
    if (!m) return;
    const back = `/console/wp/${m.workingParty.code}/plans/${encodeURIComponent(request.params.number)}`;
    if (request.body?.confirm !== "confirm") {
      setNotice(reply, `Nothing was removed: tick "Yes, remove plan ${request.params.number}" to confirm.`, "error");
      return reply.redirect(`${back}#remove`, 303);
    }
    const r = await runCommand(rt, m, "plan.remove", { number: request.params.number, confirm: "confirm" }, now());
    setNotice(reply, summaryOf(r.replies), r.ok ? "ok" : "error");
    return reply.redirect(r.ok ? `/console/wp/${m.workingParty.code}/plans` : back, 303);
  });

  // The live preview of a deadline phrase (htmx swaps it in as you type; without JavaScript the
  // form's "Check" button or the saved page shows the day). Rows of the action form are named
  // due.N, the one-deadline form due.
  app.get<{ Params: { wp: string }; Querystring: Record<string, string | undefined> }>("/wp/:wp/phrase", async (request, reply) => {
    const m = await requireWorkingParty(request, reply, STAFF);
    if (!m) return;
    const q = request.query;
    const today = todayIn(now(), m.workingParty.timeZone);
    const startDate = isCivilDate(q.start ?? "") ? q.start! : today;
    const endDate = isCivilDate(q.end ?? "") && q.end! >= startDate ? q.end! : startDate;
    const key = Object.keys(q).find((k) => k === "due" || /^due\.\d{1,2}$/.test(k));
    const r = readPlanPhrase(String((key && q[key]) ?? "").slice(0, 300), { startDate, endDate });
    return reply.type("text/html; charset=utf-8").viewAsync("parsed-day.eta", { r, longDate });
  });

  const editPage = async (request: FastifyRequest, reply: FastifyReply, m: Membership, deadlineId: number, form: Record<string, string> | null, error: string | null, status = 200) => {
    const d = await plans.deadline(deadlineId);
    if (!d || d.plan.workingPartyId !== m.workingPartyId) return page(request, reply, "message.eta", { title: "No such deadline", heading: "No such deadline", text: `That deadline is not in a plan of ${m.workingParty.code}; nothing was changed.`, nav: navFor(m, "plans") }, 404);
    const due = form?.due ?? d.text;
    return page(request, reply, "deadline-edit.eta", { title: `Edit deadline`, nav: navFor(m, "plans"), wp: m.workingParty, plan: d.plan, action: d.action, d, due, what: form?.what ?? d.what ?? "", parsed: readPlanPhrase(due, d.plan), error, longDate }, status);
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
      const d = await updateDeadline(rt.store, id, { due: request.body.due ?? "", what: request.body.what }, { workingPartyId: m.workingPartyId, actor: actorRef(request.person!), now: now() });
      setNotice(reply, `Saved: "${d.text}" is due ${longDate(d.dueDate)}.`);
      return reply.redirect(`/console/wp/${m.workingParty.code}/plans/${request.params.number}#deadline-${d.id}`, 303);
    } catch (e) {
      if (!(e instanceof BotError)) throw e;
      return editPage(request, reply, m, id, request.body, e.userMessage, 400);
    }
  });

  // Adding a deadline from the plan page; a phrase the bot cannot read re-shows it as typed, on a
  // page of its own with the error, and adds nothing.
  app.post<{ Params: WpParams & { id: string }; Body: Record<string, string> }>("/wp/:wp/plans/:number/actions/:id/deadlines", { preHandler: app.csrfProtection }, async (request, reply) => {
    const m = await requireWorkingParty(request, reply, STAFF);
    if (!m) return;
    const actionId = Number(request.params.id) || 0;
    const { due = "", what = "" } = request.body;
    try {
      const d = await addDeadline(rt.store, actionId, { due, what }, { workingPartyId: m.workingPartyId, actor: actorRef(request.person!), now: now() });
      setNotice(reply, `Added: "${d.text}" is due ${longDate(d.dueDate)}.`);
      return reply.redirect(`/console/wp/${m.workingParty.code}/plans/${request.params.number}#deadline-${d.id}`, 303);
    } catch (e) {
      if (!(e instanceof BotError)) throw e;
      const a = await plans.action(actionId);
      if (!a || a.plan.workingPartyId !== m.workingPartyId) return page(request, reply, "message.eta", { title: "Not saved", heading: "Not saved", text: e.userMessage, nav: navFor(m, "plans") }, 404);
      return page(request, reply, "deadline-edit.eta", { title: "Add a deadline", nav: navFor(m, "plans"), wp: m.workingParty, plan: a.plan, action: a, d: null, due, what, parsed: due.trim() ? readPlanPhrase(due, a.plan) : null, error: e.userMessage, longDate }, 400);
    }
  });

  registerActionForm(app, ctx);
  registerPlanImport(app, ctx);
}
