/**
 * A lead's report: who may submit it, which collection it belongs to, and how edits are kept.
 * Every submission becomes a ReportVersion; the current one is on ProgressReport with a `version`
 * that makes two leads editing at once collide visibly (ConflictError) instead of one silently
 * overwriting the other. The transaction commits before the bot says thank you.
 */
import type { CommandContext } from "../core/command.ts";
import { ConflictError, NotFoundError, PermissionError } from "../core/errors.ts";
import type { Action, ActionPlan, Collection, ProgressReport } from "../store/index.ts";
import { leadLabel, leadsAction, mayReport } from "../store/plans/leads.ts";
import { civilDay } from "./schedule.ts";
import { STATUS_LABELS, type ReportContent } from "./types.ts";

/** The collection and action a report is for. */
export interface ReportTarget {
  collection: Collection & { plan: ActionPlan };
  action: Action;
}

/**
 * Finds the collection asking for `code`: the given one, else the working party's newest open
 * collection that asks for it, else the newest closed one (the report will be marked late).
 */
export async function findReportTarget(ctx: CommandContext, code: string, collectionId?: number): Promise<ReportTarget> {
  const wp = ctx.actor.workingParty;
  const items = await ctx.deps.store.repos.collections.asksFor(wp.id, code, collectionId);
  const pick = items.find((i) => i.collection.status === "open") ?? items[0];
  if (!pick) {
    throw new NotFoundError(
      collectionId !== undefined
        ? `Collection ${collectionId} does not ask for a report on action ${code}. Check the action code in the request you received.`
        : `No collection in ${wp.code} asks for a report on action ${code}. Check the code (e.g. 99.1) in the request you received.`,
    );
  }
  return { collection: pick.collection, action: pick.action };
}

/** Refuses unless the actor may report for the action; handleMessage audits the refusal. */
export async function checkMayReport(ctx: CommandContext, t: ReportTarget, what: "report.submit" | "report.form"): Promise<void> {
  if (mayReport(ctx.actor, t.action)) return;
  const lead = leadLabel(t.action) ?? "no one named";
  throw new PermissionError(
    `Only the lead of action ${t.action.code} (${lead}) can report on it; you speak for ${ctx.actor.delegation ?? "no delegation"}. Nothing was recorded. If this is wrong, ask the secretariat to set your delegation.`,
    {
      action: "report.refused",
      subject: `collection:${t.collection.id}:action:${t.action.code}`,
      detail: { attempted: what, reason: "not the lead", lead, delegation: ctx.actor.delegation },
    },
  );
}

/** The saved report and what happened. */
export interface SubmitResult {
  report: ProgressReport;
  edit: boolean;
}

/**
 * Records a report (or a new version of it). `expectedVersion` is the version the lead's form
 * showed (0: none yet); when someone saved another version meanwhile, ConflictError names them and
 * repeats the lead's text so nothing is lost. Without it (typed reports) the version read at the
 * start is the one expected, so a save racing between read and write still collides.
 */
export async function submitReport(ctx: CommandContext, t: ReportTarget, content: ReportContent, expectedVersion?: number): Promise<SubmitResult> {
  const { actor, now } = ctx;
  const wp = actor.workingParty;
  const late = t.collection.status === "closed" || civilDay(now, wp.timeZone) > t.collection.dueDate;
  try {
    return await ctx.deps.store.unitOfWork(async (uow) => {
      const current = await uow.collections.report(t.collection.id, t.action.id);
      const base = expectedVersion ?? current?.version ?? 0;
      if ((current?.version ?? 0) !== base) throw conflict(t, current?.versions[0]?.submittedBy ?? "someone", current?.version ?? 0, content);
      const data = { status: content.status, summary: content.summary, nextSteps: content.nextSteps ?? null, risks: content.risks ?? null, late, submittedAt: now };
      let report: ProgressReport;
      if (!current) {
        report = await uow.collections.createReport(t.collection.id, t.action.id, data);
      } else {
        // Guarded on the version read above: a concurrent save makes this update match nothing.
        if (!(await uow.collections.updateReport(current.id, base, data))) throw conflict(t, "another lead", base + 1, content);
        report = { ...current, ...data, version: base + 1 };
      }
      await uow.collections.addVersion(report, { memberId: actor.member.id, submittedBy: actor.ref, at: now });
      await uow.audit.record({
        workingPartyId: wp.id,
        actor: actor.ref,
        action: current ? "report.edit" : "report.submit",
        subject: `collection:${t.collection.id}:action:${t.action.code}`,
        detail: { version: report.version, status: content.status, late, ...(actor.role === "secretariat" && !sameLead(ctx, t.action) ? { onBehalfOf: t.action.leadDelegation ?? t.action.leadUser } : {}) },
        at: now,
      });
      return { report, edit: Boolean(current) };
    });
  } catch (e) {
    // Two first reports at once: the unique (collection, action) pair stops the second.
    if ((e as { code?: string }).code === "P2002") throw conflict(t, "another lead", 1, content);
    throw e;
  }
}

const sameLead = (ctx: CommandContext, action: Action) => leadsAction(ctx.actor, action);

function conflict(t: ReportTarget, by: string, version: number, content: ReportContent): ConflictError {
  const yours = [`Status: ${STATUS_LABELS[content.status]}`, `Summary: ${content.summary}`, content.nextSteps ? `Next steps: ${content.nextSteps}` : "", content.risks ? `Risks: ${content.risks}` : ""]
    .filter(Boolean)
    .join("\n");
  return new ConflictError(
    `${by} saved version ${version} of the report on ${t.action.code} while you were editing, so yours was not saved. Reload the form (report ${t.action.code}) to see their text, then submit again. Your text, so nothing is lost:\n${yours}`,
  );
}

/** The report to pre-fill the form with: this collection's, else the action's latest earlier one. */
export async function previousReport(ctx: CommandContext, t: ReportTarget): Promise<{ current: ProgressReport | null; previous: ProgressReport | null }> {
  const current = await ctx.uow.collections.report(t.collection.id, t.action.id);
  if (current) return { current, previous: current };
  const previous = await ctx.uow.collections.latestReportElsewhere(t.action.id, t.collection.id);
  return { current: null, previous };
}
