/** Creating a working party: any working party can use the bot, not only the bundled CCWP. */
import { z } from "zod";
import type { Repositories, Store, WorkingParty } from "../store/index.ts";
import { DEFAULT_RULES } from "../reminders/rules.ts";
import { InputError } from "../core/errors.ts";
import { plainIssue } from "../core/plain-issue.ts";

/** An IANA time zone name that the runtime knows ("Europe/Brussels"). */
export const TimeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "an IANA time zone such as Europe/Brussels");

const Name = z.string().trim().min(2).max(200);
const PlanMonths = z.number().int().min(1).max(120);
const AdoptLeadMonths = z.number().int().min(0).max(24);

export const NewWorkingParty = z.object({
  code: z.string().trim().toUpperCase().regex(/^[A-Z0-9_-]{2,20}$/, "2–20 letters, digits, - or _"),
  name: Name,
  timeZone: TimeZone.default("Europe/Brussels"),
  planMonths: PlanMonths.default(18),
  adoptLeadMonths: AdoptLeadMonths.default(2),
  consoleChannel: z.string().trim().min(1).max(80).optional(),
});

/** Creates a working party with the default reminder rules and, optionally, a console channel. */
export async function createWorkingParty(repos: Repositories, input: z.input<typeof NewWorkingParty>): Promise<WorkingParty> {
  const parsed = NewWorkingParty.safeParse(input, { error: plainIssue });
  if (!parsed.success) throw settingsError(parsed.error);
  const wp = parsed.data;
  if (wp.adoptLeadMonths >= wp.planMonths) throw new InputError("The adoption lead must be shorter than the plan.");
  if (await repos.workingParties.find(wp.code)) throw new InputError(`Working party ${wp.code} exists already.`);
  return repos.workingParties.create({ ...wp, reminderRules: DEFAULT_RULES.map(({ channelIds: _all, ...rule }) => rule) });
}

/** What `wp list` shows of a working party (the CLI contract's fields, in this order). */
export interface WorkingPartySummary {
  code: string;
  name: string;
  timeZone: string;
  planMonths: number;
  adoptLeadMonths: number;
}

export function summarise(wp: WorkingParty): WorkingPartySummary {
  return { code: wp.code, name: wp.name, timeZone: wp.timeZone, planMonths: wp.planMonths, adoptLeadMonths: wp.adoptLeadMonths };
}

/** Settings that `wp set` may change; plans already made keep their dates. */
export const WorkingPartySettings = z.object({ name: Name.optional(), timeZone: TimeZone.optional(), planMonths: PlanMonths.optional(), adoptLeadMonths: AdoptLeadMonths.optional() });

/** One clear line for a refused setting, naming the field. */
function settingsError(error: z.ZodError): InputError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[String(issue.path[0] ?? "input")] ??= issue.message;
  return new InputError(Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join("; "), fields);
}

/**
 * Creates a working party as `actor`, audited in the same unit of work. When a member creates it
 * from chat or the web console, they become its secretariat, so someone can manage it.
 */
export async function createWorkingPartyAs(
  store: Store,
  input: z.input<typeof NewWorkingParty>,
  by: { actor: string; now: Date; creator?: { platform: string; platformUserId: string; displayName: string; delegation: string | null } },
): Promise<WorkingParty> {
  return store.unitOfWork(async (uow) => {
    const code = String(input.code ?? "").trim().toUpperCase();
    const wp = await createWorkingParty(uow, { consoleChannel: `#${code.toLowerCase()}`, ...input });
    if (by.creator) {
      const { displayName, delegation, ...key } = by.creator;
      await uow.members.save({ workingPartyId: wp.id, ...key }, displayName, { role: "secretariat", delegation });
    }
    await uow.audit.record({ workingPartyId: wp.id, actor: by.actor, action: "wp.create", subject: wp.code, detail: { ...summarise(wp) }, at: by.now });
    return wp;
  });
}

/** Every working party, oldest first. */
export async function listWorkingParties(repos: Repositories): Promise<WorkingParty[]> {
  return repos.workingParties.list();
}

/** Changes a working party's settings, audited with what changed. */
export async function updateWorkingParty(store: Store, code: string, changes: z.input<typeof WorkingPartySettings>, by: { actor: string; now: Date }): Promise<WorkingParty> {
  const parsed = WorkingPartySettings.safeParse(changes, { error: plainIssue });
  if (!parsed.success) throw settingsError(parsed.error);
  const set = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as z.infer<typeof WorkingPartySettings>;
  if (Object.keys(set).length === 0) throw new InputError("Name a setting to change: name, tz, months or lead.");
  return store.unitOfWork(async (uow) => {
    const wp = await uow.workingParties.get(code);
    const months = set.planMonths ?? wp.planMonths;
    const lead = set.adoptLeadMonths ?? wp.adoptLeadMonths;
    if (lead >= months) throw new InputError("The adoption lead must be shorter than the plan.", { adoptLeadMonths: "shorter than the plan" });
    const updated = await uow.workingParties.update(wp.id, set);
    const before = Object.fromEntries(Object.keys(set).map((k) => [k, (wp as Record<string, unknown>)[k]]));
    await uow.audit.record({ workingPartyId: wp.id, actor: by.actor, action: "wp.set", subject: wp.code, detail: { before, after: set }, at: by.now });
    return updated;
  });
}
