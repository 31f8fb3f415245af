/**
 * Who leads an action — the one rule, used by collections (who is asked, who may report), `done`,
 * the home tab, `deadlines mine` and the web console.
 *
 * An action names its lead as a delegation (`leadDelegation`) and/or a person (`leadUser`, the
 * plan file's `lead.user`). The person is bound to a member in one of two ways only:
 * - by **platform user id**: `lead.user` equals a member's Slack user id (U…), Teams AAD object id
 *   or console user name, on any platform of the working party. Import records the match as
 *   `leadMemberId`; a member who first writes after the import matches by the same id.
 * - by **delegation**, which on Slack and Teams only the secretariat sets (`delegation @x FR`).
 * Never by display name: anyone can rename themselves "marie" on Slack or Teams.
 *
 * Pure over rows already loaded, apart from `ledByWhere`, the same rule as a query filter.
 */
import type { Prisma } from "../../generated/sqlite/client.ts";

/** The lead columns of an action. */
export type ActionLead = { leadMemberId: number | null; leadDelegation: string | null; leadUser: string | null };

/** The member columns the rule reads. */
export type LeadCandidate = { id: number; platformUserId: string; delegation: string | null };

/** Who is asking: a member and the delegation they speak for. */
export type LeadActor = { member: LeadCandidate; delegation: string | null };

/** Whether `user` (a plan file's `lead.user`) names this member: by platform user id, exactly. */
export function namesMember(user: string | null, member: Pick<LeadCandidate, "platformUserId">): boolean {
  return user !== null && user !== "" && member.platformUserId === user;
}

const sameDelegation = (a: string | null, b: string | null) => Boolean(a && b && a.toUpperCase() === b.toUpperCase());

/**
 * The members an action's request goes to: its lead member, else the members whose platform user
 * id is its `lead.user`, else every member of its lead delegation (on whatever platform each is on).
 */
export function leadMembers<M extends LeadCandidate>(action: ActionLead, members: readonly M[]): M[] {
  if (action.leadMemberId !== null) {
    const m = members.find((x) => x.id === action.leadMemberId);
    if (m) return [m];
  }
  const named = members.filter((x) => namesMember(action.leadUser, x));
  if (named.length > 0) return named;
  if (action.leadDelegation) return members.filter((x) => sameDelegation(x.delegation, action.leadDelegation));
  return [];
}

/** Whether the actor leads the action: its lead member, the member `lead.user` names, or its delegation. */
export function leadsAction(actor: LeadActor, action: ActionLead): boolean {
  if (action.leadMemberId !== null && action.leadMemberId === actor.member.id) return true;
  if (namesMember(action.leadUser, actor.member)) return true;
  return sameDelegation(action.leadDelegation, actor.delegation);
}

/**
 * Whether the actor may report on (or mark done) the action: a lead of it, or the secretariat
 * entering what it received another way.
 */
export function mayReport(actor: LeadActor & { role: string }, action: ActionLead): boolean {
  return actor.role === "secretariat" || leadsAction(actor, action);
}

/**
 * `leadsAction` as a filter on actions, for queries ("the actions I lead"). Delegations are
 * stored upper-case (plan files, the web form and `delegation @x XX` all upper-case them).
 */
export function ledByWhere(actor: LeadActor): Prisma.ActionWhereInput {
  const or: Prisma.ActionWhereInput[] = [{ leadMemberId: actor.member.id }, { leadUser: actor.member.platformUserId }];
  if (actor.delegation) or.push({ leadDelegation: actor.delegation.toUpperCase() });
  return { OR: or };
}

/** How a lead is written everywhere ("FR (Marie Dupont)", "FR", "marie"); null when none is named. */
export function leadLabel(action: Pick<ActionLead, "leadDelegation" | "leadUser">, leadMember?: { displayName: string } | null): string | null {
  const person = leadMember?.displayName ?? action.leadUser ?? null;
  return action.leadDelegation && person ? `${action.leadDelegation} (${person})` : (action.leadDelegation ?? person ?? null);
}

/** The lead as people read it (leadLabel, or "no lead named"), and who is asked. */
export function leadInfo<M extends LeadCandidate & { displayName: string }>(action: ActionLead, members: readonly M[]): { label: string; delegation: string | null; memberIds: number[] } {
  const who = leadMembers(action, members);
  const leadMember = action.leadMemberId !== null ? members.find((x) => x.id === action.leadMemberId) : undefined;
  return { label: leadLabel(action, leadMember) ?? "no lead named", delegation: action.leadDelegation, memberIds: who.map((m) => m.id) };
}
