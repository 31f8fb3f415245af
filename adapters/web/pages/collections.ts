/**
 * Collections of progress reports: start one, see a row per action (status, last report, late),
 * chase, close, compile and download the .docx. Changes run through the bot's collect commands,
 * so permissions, audit and the messages to leads are exactly those of chat. Also "My actions":
 * a delegate's own actions and the report forms of the open collections.
 */
import fs from "node:fs";
import type { FastifyInstance } from "fastify";
import { leadInfo, mayReport } from "../../../src/store/plans/leads.ts";
import { loadSnapshot } from "../../../src/collection/snapshot.ts";
import { collectionStatus } from "../../../src/collection/status.ts";
import { STATUS_LABELS } from "../../../src/collection/types.ts";
import { longDate } from "../../../src/time/civil-date.ts";
import type { ConsoleContext } from "../index.ts";
import { navFor, page, requireWorkingParty, runCommand, setNotice, STAFF, summaryOf } from "../page.ts";
import { renderReplies } from "../render.ts";

export function registerCollectionPages(app: FastifyInstance, { rt, now }: ConsoleContext): void {
  const repos = rt.store.repos;

  app.get<{ Params: { wp: string }; Querystring: { plan?: string } }>("/wp/:wp/collections", async (request, reply) => {
    const m = await requireWorkingParty(request, reply, STAFF);
    if (!m) return;
    const rows = await repos.collections.listIn(m.workingPartyId);
    const plans = (await repos.actionPlans.inOrder(m.workingPartyId)).reverse();
    return page(request, reply, "collections.eta", { title: `${m.workingParty.code} collections`, nav: navFor(m, "collections"), wp: m.workingParty, rows, plans, plan: request.query.plan ?? plans[0]?.number ?? "", longDate, errors: {}, form: {} });
  });

  app.post<{ Params: { wp: string }; Body: Record<string, string> }>("/wp/:wp/collections", { preHandler: app.csrfProtection }, async (request, reply) => {
    const m = await requireWorkingParty(request, reply, STAFF);
    if (!m) return;
    const { plan = "", due = "", actions = "" } = request.body;
    const r = await runCommand(rt, m, "collect.start", { plan, due, actions }, now());
    setNotice(reply, summaryOf(r.replies), r.ok ? "ok" : "error");
    if (!r.ok) return reply.redirect(`/console/wp/${m.workingParty.code}/collections?plan=${encodeURIComponent(plan)}`, 303);
    const c = await repos.collections.latestIn(m.workingPartyId, Number(plan));
    return reply.redirect(`/console/wp/${m.workingParty.code}/collections/${c?.id ?? ""}`, 303);
  });

  const collectionOf = async (wpId: number, id: string) => {
    if (!/^\d{1,9}$/.test(id)) return null;
    const c = await repos.collections.byId(Number(id));
    return c && c.workingPartyId === wpId ? c : null;
  };

  app.get<{ Params: { wp: string; id: string } }>("/wp/:wp/collections/:id", async (request, reply) => {
    const m = await requireWorkingParty(request, reply, STAFF);
    if (!m) return;
    const c = await collectionOf(m.workingPartyId, request.params.id);
    if (!c) return page(request, reply, "message.eta", { title: "No such collection", heading: "No such collection", text: `${m.workingParty.code} has no collection ${request.params.id}.`, nav: navFor(m, "collections") }, 404);
    const snap = await loadSnapshot(repos, c.id);
    const st = collectionStatus(snap, now());
    const rows = snap.actions.map((a) => {
      const r = snap.reports.get(a.id);
      return { code: a.code, title: a.title, lead: leadInfo(a, snap.members).label, report: r ? { status: r.status, label: STATUS_LABELS[r.status as keyof typeof STATUS_LABELS] ?? r.status, summary: r.summary, version: r.version, late: r.late, at: r.submittedAt } : null, overdue: !r && st.pastDue };
    });
    return page(request, reply, "collection.eta", { title: `${m.workingParty.code} collection for plan ${snap.plan.number}`, nav: navFor(m, "collections"), wp: m.workingParty, c, snap, st, rows, longDate });
  });

  // Chase, close and compile name the collection by its plan, as the chat commands do.
  for (const verb of ["chase", "close", "compile"] as const) {
    app.post<{ Params: { wp: string; id: string } }>(`/wp/:wp/collections/:id/${verb}`, { preHandler: app.csrfProtection }, async (request, reply) => {
      const m = await requireWorkingParty(request, reply, STAFF);
      if (!m) return;
      const c = await collectionOf(m.workingPartyId, request.params.id);
      const back = `/console/wp/${m.workingParty.code}/collections/${request.params.id}`;
      if (!c) {
        setNotice(reply, `That collection is not one of ${m.workingParty.code}'s; nothing was changed.`, "error");
        return reply.redirect(`/console/wp/${m.workingParty.code}/collections`, 303);
      }
      const plan = (await repos.actionPlans.byId(c.planId))!.number;
      const action = verb === "chase" ? String((request.body as Record<string, string> | undefined)?.action ?? "") : "";
      const r = await runCommand(rt, m, `collect.${verb}`, { plan, ...(action ? { action } : {}) }, now());
      if (verb === "compile" && r.ok) {
        const file = r.replies.flatMap((x) => x.blocks).find((b) => b.type === "file" && b.file.name.endsWith(".docx"));
        if (file && file.type === "file" && fs.existsSync(file.file.path)) {
          return reply
            .header("content-type", file.file.mediaType)
            .header("content-disposition", `attachment; filename="${file.file.name.replace(/[^\w.-]/g, "_")}"`)
            .send(fs.createReadStream(file.file.path));
        }
      }
      setNotice(reply, summaryOf(r.replies), r.ok ? "ok" : "error");
      return reply.redirect(back, 303);
    });
  }

  app.get<{ Params: { wp: string } }>("/wp/:wp/mine", async (request, reply) => {
    const m = await requireWorkingParty(request, reply);
    if (!m) return;
    // The secretariat may enter any report; here it sees, like a delegate, the actions it leads.
    const actor = { role: (m.role === "secretariat" ? "delegate" : m.role) as "delegate", delegation: m.delegation, member: m };
    const open = (await repos.collections.openIn(m.workingPartyId)).reverse();
    const sections = [];
    for (const c of open) {
      const snap = await loadSnapshot(repos, c.id);
      const forms = [];
      for (const a of snap.actions.filter((x) => mayReport(actor, x)).slice(0, 50)) {
        const r = await runCommand(rt, m, "report.form", { action: a.code, collection: c.id }, now());
        forms.push({ code: a.code, title: a.title, replies: r.replies, ok: r.ok });
      }
      sections.push({ plan: snap.plan, due: c.dueDate, forms });
    }
    const action = `/console/wp/${m.workingParty.code}/command`;
    const render = (replies: Parameters<typeof renderReplies>[0], csrf: string) => renderReplies(replies, { csrf, action });
    return page(request, reply, "mine.eta", { title: "My actions", nav: navFor(m, "mine"), wp: m.workingParty, sections, longDate, role: m.role, render });
  });

  // A form the bot rendered (a report form): run its command as this member.
  app.post<{ Params: { wp: string }; Body: Record<string, string> }>("/wp/:wp/command", { preHandler: app.csrfProtection }, async (request, reply) => {
    const m = await requireWorkingParty(request, reply);
    if (!m) return;
    const { _csrf: _ignored, _command: command = "", ...values } = request.body;
    const r = await runCommand(rt, m, command, values, now());
    setNotice(reply, summaryOf(r.replies), r.ok ? "ok" : "error");
    return reply.redirect(`/console/wp/${m.workingParty.code}/mine`, 303);
  });
}
