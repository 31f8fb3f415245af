/**
 * A working party's plans as the bot speaks of them: the current plan on a given day and where its
 * cycle stands ("the next plan should have been adopted by ...").
 */
import type { CommandContext } from "../../core/command.ts";
import { NotFoundError } from "../../core/errors.ts";
import type { ActionPlan, Repositories } from "../../store/index.ts";
import { daysBetween, longDate, type CivilDate } from "../../time/civil-date.ts";

/**
 * The current plan on `today`: the running one with the highest number; otherwise the latest that
 * has started; otherwise the first upcoming one.
 */
export async function currentPlan(repos: Pick<Repositories, "actionPlans">, workingPartyId: number, today: CivilDate): Promise<ActionPlan | null> {
  return pickCurrent(await repos.actionPlans.inOrder(workingPartyId), today);
}

/** Pure part of currentPlan. */
export function pickCurrent<P extends { startDate: string; endDate: string; number: number }>(plans: readonly P[], today: CivilDate): P | null {
  const running = plans.filter((p) => p.startDate <= today && today <= p.endDate);
  if (running.length) return running.reduce((a, b) => (b.number > a.number ? b : a));
  const started = plans.filter((p) => p.startDate <= today).sort((a, b) => a.startDate.localeCompare(b.startDate) || a.number - b.number);
  if (started.length) return started.at(-1)!;
  return [...plans].sort((a, b) => a.startDate.localeCompare(b.startDate))[0] ?? null;
}

/**
 * Whether a later plan has followed `plan`: the next plan is adopted, so this plan's own "adopt the
 * next plan by" date is settled. Plans follow each other by number (a working party numbers its
 * plans in the order it adopts them), never by start date, so an early-dated import cannot settle it.
 */
export function isSuperseded(plan: { number: number }, plans: readonly { number: number }[]): boolean {
  return plans.some((q) => q.number > plan.number);
}

/** isSuperseded, read from the store. */
export async function laterPlanExists(repos: Pick<Repositories, "actionPlans">, workingPartyId: number, plan: { number: number }): Promise<boolean> {
  return isSuperseded(plan, await repos.actionPlans.numbers(workingPartyId));
}

/** One sentence on the next adoption: due, late, or done (a later plan exists). */
export function adoptionSentence(plan: { number: number; endDate: string; adoptNextBy: string }, laterPlanExists: boolean, today: CivilDate): string {
  if (laterPlanExists) return `The plan after plan ${plan.number} has been adopted.`;
  const days = daysBetween(today, plan.adoptNextBy);
  if (days < 0)
    return `The next plan should have been adopted by ${longDate(plan.adoptNextBy)} (${-days} day${days === -1 ? "" : "s"} ago); plan ${plan.number} ${plan.endDate < today ? "ended" : "ends"} on ${longDate(plan.endDate)}.`;
  if (days === 0) return `The next plan must be adopted today (${longDate(plan.adoptNextBy)}), 2 months before plan ${plan.number} ends.`;
  return `The next plan must be adopted by ${longDate(plan.adoptNextBy)} (in ${days} day${days === 1 ? "" : "s"}); plan ${plan.number} ends on ${longDate(plan.endDate)}.`;
}

/** Plan `number` of the actor's working party, or the store's one wording: "CCWP has no plan 99; its plans are 1." */
export async function requirePlan(ctx: CommandContext, number: number): Promise<ActionPlan> {
  const wp = ctx.actor.workingParty;
  const plan = await ctx.uow.actionPlans.byNumber(wp.id, number);
  if (!plan) throw new NotFoundError(await ctx.uow.actionPlans.unknownMessage(wp, number));
  return plan;
}
