/**
 * Importing a plan file (YAML or CSV) from the console: upload or paste, see a preview with every
 * error by line and field, then import all or nothing. The file must be for this working party.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { BotError } from "../../../src/core/errors.ts";
import { importPlan } from "../../../src/planning/plan-file/import-plan.ts";
import { checkPlan, type ReadDeadline } from "../../../src/planning/plan-file/plan-check.ts";
import { parsePlanFile, type PlanFile } from "../../../src/planning/plan-file/plan-file.ts";
import type { Repositories } from "../../../src/store/index.ts";
import { leadLabel } from "../../../src/store/plans/leads.ts";
import { longDate } from "../../../src/time/civil-date.ts";
import type { ConsoleContext } from "../index.ts";
import { MAX_UPLOAD_BYTES } from "../limits.ts";
import { navFor, page, requireWorkingParty, setNotice, STAFF } from "../page.ts";
import { actorRef, type Membership } from "../session.ts";

/** A file name sent back by a form: shown and used for its extension only. */
const FILE_NAME = /^[\w .-]{1,100}$/;

/** A plan file's text travels back with the confirmation; plan files are far smaller than this. */
const MAX_PLAN_TEXT = 5 * 1024 * 1024;

interface Checked {
  plan: PlanFile | null;
  errors: string[];
  /** what the importer would store although it looks like a mistake (plan-check.ts) */
  warnings: string[];
  rows: { code: string; title: string; lead: string; deadlines: { text: string; day: string | null }[] }[];
}

/**
 * Validates a file for working party `code` as the importer reads it (the schema, the working
 * party, every deadline's day against the plan's period, the warnings), so the preview shows
 * what will be stored.
 */
export async function checkPlanText(repos: Repositories, text: string, fileName: string, code: string): Promise<Checked> {
  const parsed = parsePlanFile(text, fileName);
  if (!parsed.ok) return { plan: null, errors: parsed.errors, warnings: [], rows: [] };
  const plan = parsed.plan;
  const rows = (days: ReadDeadline[][] | null) =>
    plan.actions.map((a, ai) => ({
      code: a.code,
      title: a.title,
      lead: leadLabel({ leadDelegation: a.lead?.delegation ?? null, leadUser: a.lead?.user ?? null }) ?? "",
      deadlines: (a.deadlines ?? []).map((d, di) => ({ text: String(d.due), day: days?.[ai]?.[di]?.dueDate ?? null })),
    }));
  if (plan.workingParty !== code) {
    return { plan, errors: [`workingParty: this file is for ${plan.workingParty}, not ${code}. Import it from ${plan.workingParty}'s console page.`], warnings: [], rows: rows(null) };
  }
  try {
    const c = await checkPlan(repos, plan, parsed.where);
    return { plan, errors: [], warnings: c.warnings, rows: rows(c.deadlines) };
  } catch (e) {
    if (!(e instanceof BotError)) throw e;
    return { plan, errors: [e.userMessage], warnings: [], rows: rows(null) };
  }
}

export function registerPlanImport(app: FastifyInstance, { rt, now }: ConsoleContext): void {
  const show = (request: FastifyRequest, reply: FastifyReply, m: Membership, data: Record<string, unknown>, status = 200) =>
    page(request, reply, "plan-import.eta", { title: `${m.workingParty.code}: import a plan`, nav: navFor(m, "plans"), wp: m.workingParty, longDate, maxMb: MAX_UPLOAD_BYTES / 1024 / 1024, checked: null, text: "", fileName: "plan.yaml", ...data }, status);

  app.get<{ Params: { wp: string } }>("/wp/:wp/import", async (request, reply) => {
    const m = await requireWorkingParty(request, reply, STAFF);
    if (!m) return;
    return show(request, reply, m, {});
  });

  // Step 1: preview. Multipart (a file) or a pasted text; the CSRF token is in the URL so a forged
  // upload is refused before its body is read.
  app.post<{ Params: { wp: string } }>("/wp/:wp/import/preview", { preHandler: app.csrfProtection, bodyLimit: MAX_PLAN_TEXT }, async (request, reply) => {
    const m = await requireWorkingParty(request, reply, STAFF);
    if (!m) return;
    let text = "";
    let fileName = "plan.yaml";
    // The paste field comes back filled after a preview, to be mended in place; the name of the
    // file it came from travels with it, so a CSV is still read as CSV.
    let pastedName = "plan.yaml";
    let uploaded = false;
    if (request.isMultipart()) {
      for await (const part of request.parts()) {
        if (part.type === "file") {
          const buf = await part.toBuffer();
          if (buf.length > 0) {
            text = buf.toString("utf8");
            fileName = part.filename || fileName;
            uploaded = true;
          }
        } else if (part.fieldname === "text" && !uploaded && typeof part.value === "string") text = part.value;
        else if (part.fieldname === "fileName" && typeof part.value === "string" && FILE_NAME.test(part.value)) pastedName = part.value;
      }
    } else {
      const body = (request.body as Record<string, string> | undefined) ?? {};
      text = String(body.text ?? "");
      if (FILE_NAME.test(body.fileName ?? "")) pastedName = body.fileName!;
    }
    if (!uploaded) fileName = pastedName;
    if (!text.trim()) return show(request, reply, m, { error: "Choose a plan file or paste its text; nothing was imported." }, 400);
    if (text.length > MAX_PLAN_TEXT) return show(request, reply, m, { error: "That plan file is too large; nothing was imported." }, 413);
    const checked = await checkPlanText(rt.store.repos, text, fileName, m.workingParty.code);
    return show(request, reply, m, { checked, text, fileName }, checked.errors.length ? 400 : 200);
  });

  // Step 2: import what was previewed, checked again (the file travels back in the form).
  app.post<{ Params: { wp: string }; Body: Record<string, string> }>("/wp/:wp/import/confirm", { preHandler: app.csrfProtection, bodyLimit: MAX_PLAN_TEXT }, async (request, reply) => {
    const m = await requireWorkingParty(request, reply, STAFF);
    if (!m) return;
    const text = String(request.body.text ?? "");
    const fileName = FILE_NAME.test(request.body.fileName ?? "") ? request.body.fileName! : "plan.yaml";
    const checked = await checkPlanText(rt.store.repos, text, fileName, m.workingParty.code);
    if (checked.errors.length || !checked.plan) return show(request, reply, m, { checked, text, fileName }, 400);
    try {
      const s = await importPlan(rt.store, checked.plan, { actor: actorRef(request.person!), now: now() });
      const warned = s.warnings.length ? ` Imported with ${s.warnings.length} warning${s.warnings.length > 1 ? "s" : ""}, as the preview showed.` : "";
      setNotice(reply, `${s.created ? "Imported" : "Updated"} plan ${s.number}: ${s.actions} actions, ${s.deadlines} deadlines; adopt the next plan by ${longDate(s.adoptNextBy)}.${warned}`);
      return reply.redirect(`/console/wp/${m.workingParty.code}/plans/${s.number}`, 303);
    } catch (e) {
      if (!(e instanceof BotError)) throw e;
      return show(request, reply, m, { checked: { ...checked, errors: [e.userMessage] }, text, fileName }, 400);
    }
  });
}
