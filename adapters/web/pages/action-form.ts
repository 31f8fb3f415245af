/**
 * The action form: add an action to a plan, or edit one, with its deadlines in the plan's words and
 * the day each means beside it (htmx fills it in as you type; without JavaScript "Check the days"
 * shows them without saving). The form is saved whole or not at all: one bad field re-shows
 * everything as typed, with the faults marked.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { BotError, InputError } from "../../../src/core/errors.ts";
import { addAction, readPlanPhrase, updateAction, type ActionInput, type DeadlineRow, type PlanPeriod } from "../../../src/planning/plan-file/edit-plan.ts";
import { longDate } from "../../../src/time/civil-date.ts";
import type { ConsoleContext } from "../index.ts";
import { navFor, page, requireWorkingParty, setNotice, STAFF } from "../page.ts";
import { actorRef, type Membership } from "../session.ts";

type Params = { wp: string; number: string; id?: string };
type Body = Record<string, string | undefined>;
/** Blank rows for new deadlines under the existing ones. */
const BLANK_ROWS = 2;
const MAX_ROWS = 60;

/** The form's fields as the use case takes them: rows are `id.N`, `due.N`, `what.N`, `remove.N`. */
export function actionInputFrom(body: Body): ActionInput {
  const deadlines: DeadlineRow[] = [];
  for (let i = 0; i < MAX_ROWS; i++) {
    const due = body[`due.${i}`];
    const id = body[`id.${i}`];
    if (due === undefined && id === undefined) continue;
    deadlines.push({ ...(id && /^\d{1,9}$/.test(id) ? { id: Number(id) } : {}), due: String(due ?? ""), what: body[`what.${i}`], remove: body[`remove.${i}`] === "1" });
  }
  return { code: body.code, title: String(body.title ?? ""), goals: body.goals, outcome: body.outcome, leadDelegation: body.leadDelegation, deadlines };
}

/** The rows to show: as typed (with their days read), then blank ones to add to. */
function rowsFor(input: ActionInput, plan: PlanPeriod) {
  const rows = input.deadlines.filter((d) => d.id !== undefined || d.due.trim()).map((d) => ({ ...d, parsed: d.due.trim() ? readPlanPhrase(d.due, plan) : null }));
  return [...rows, ...Array.from({ length: BLANK_ROWS }, () => ({ due: "", what: "", parsed: null }))];
}

export function registerActionForm(app: FastifyInstance, { rt, now }: ConsoleContext): void {
  const repos = rt.store.repos;

  const planOf = async (m: Membership, number: string) => (/^\d{1,9}$/.test(number) ? repos.actionPlans.withActions(m.workingPartyId, Number(number)) : null);
  const actionOf = async (m: Membership, id: string | undefined) => {
    const a = /^\d{1,9}$/.test(id ?? "") ? await repos.actionPlans.action(Number(id)) : null;
    return a && a.plan.workingPartyId === m.workingPartyId ? a : null;
  };
  const missing = (request: FastifyRequest, reply: FastifyReply, m: Membership, what: string) =>
    page(request, reply, "message.eta", { title: `No such ${what}`, heading: `No such ${what}`, text: `That ${what} is not in a plan of ${m.workingParty.code}; nothing was changed.`, nav: navFor(m, "plans") }, 404);

  const show = async (request: FastifyRequest, reply: FastifyReply, m: Membership, form: ActionInput, id: string | undefined, fault: { error?: string; errors?: Record<string, string> }, status = 200) => {
    const a = id === undefined ? null : await actionOf(m, id);
    const whole = a ? null : await planOf(m, (request.params as Params).number);
    const plan = a ? a.plan : whole;
    if (!plan || (id !== undefined && !a)) return missing(request, reply, m, id === undefined ? "plan" : "action");
    const actionCount = whole?.actions.length ?? 0;
    return page(
      request,
      reply,
      "action-form.eta",
      { title: a ? `Edit action ${a.code}` : `Add an action`, nav: navFor(m, "plans"), wp: m.workingParty, plan: { ...plan, actionCount }, action: a, form, rows: rowsFor(form, plan), errors: fault.errors ?? {}, error: fault.error, longDate },
      status,
    );
  };

  app.get<{ Params: Params }>("/wp/:wp/plans/:number/actions/new", async (request, reply) => {
    const m = await requireWorkingParty(request, reply, STAFF);
    if (!m) return;
    return show(request, reply, m, { title: "", deadlines: [] }, undefined, {});
  });

  app.get<{ Params: Params }>("/wp/:wp/plans/:number/actions/:id", async (request, reply) => {
    const m = await requireWorkingParty(request, reply, STAFF);
    if (!m) return;
    const a = await actionOf(m, request.params.id);
    if (!a) return missing(request, reply, m, "action");
    const form: ActionInput = { title: a.title, goals: a.goals ?? "", outcome: a.outcome ?? "", leadDelegation: a.leadDelegation ?? "", deadlines: a.deadlines.map((d) => ({ id: d.id, due: d.text, what: d.what ?? "" })) };
    return show(request, reply, m, form, request.params.id, {});
  });

  // Adding (no id) and editing share the checks, the re-shown form and the notice.
  const save = async (request: FastifyRequest<{ Params: Params; Body: Body }>, reply: FastifyReply, id: string | undefined) => {
    const m = await requireWorkingParty(request, reply, STAFF);
    if (!m) return;
    const form = actionInputFrom(request.body ?? {});
    if (request.body?.check) return show(request, reply, m, form, id, {});
    const plan = id === undefined ? await planOf(m, request.params.number) : null;
    if (id === undefined && !plan) return missing(request, reply, m, "plan");
    const by = { workingPartyId: m.workingPartyId, actor: actorRef(request.person!), now: now() };
    try {
      const a = id === undefined ? await addAction(rt.store, plan!.id, form, by) : await updateAction(rt.store, Number(id) || 0, form, by);
      setNotice(reply, `${id === undefined ? "Added" : "Saved"} action ${a.code}.`);
      return reply.redirect(`/console/wp/${m.workingParty.code}/plans/${request.params.number}#action-${a.id}`, 303);
    } catch (e) {
      if (!(e instanceof BotError)) throw e;
      if (!(e instanceof InputError) || !Object.keys(e.fieldErrors).length) return page(request, reply, "message.eta", { title: "Not saved", heading: "Not saved", text: e.userMessage, nav: navFor(m, "plans") }, e instanceof InputError ? 400 : 404);
      return show(request, reply, m, form, id, { error: e.userMessage, errors: e.fieldErrors }, 400);
    }
  };
  app.post<{ Params: Params; Body: Body }>("/wp/:wp/plans/:number/actions", { preHandler: app.csrfProtection }, (request, reply) => save(request, reply, undefined));
  app.post<{ Params: Params; Body: Body }>("/wp/:wp/plans/:number/actions/:id", { preHandler: app.csrfProtection }, (request, reply) => save(request, reply, request.params.id));
}
