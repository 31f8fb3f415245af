/**
 * Who leads an action: the lead member when the plan names one, otherwise every member of the lead
 * delegation in the working party, on whatever platform each is on. Pure over rows already loaded.
 */
import type { Action, Member } from "../store/index.ts";
import type { Actor } from "../core/actor.ts";
import type { LeadInfo } from "./types.ts";

type ActionLead = Pick<Action, "leadMemberId" | "leadDelegation" | "leadUser">;

/** The members an action's request goes to (lead member, else its user name, else the delegation). */
export function leadMembers(action: ActionLead, members: readonly Member[]): Member[] {
  if (action.leadMemberId !== null) {
    const m = members.find((x) => x.id === action.leadMemberId);
    if (m) return [m];
  }
  if (action.leadUser) {
    const u = action.leadUser.toLowerCase();
    const named = members.filter((x) => x.platformUserId.toLowerCase() === u || x.displayName.toLowerCase() === u);
    if (named.length > 0) return named;
  }
  if (action.leadDelegation) {
    const d = action.leadDelegation.toUpperCase();
    return members.filter((x) => (x.delegation ?? "").toUpperCase() === d);
  }
  return [];
}

/** The lead as people read it, and who may report. */
export function leadInfo(action: ActionLead, members: readonly Member[]): LeadInfo {
  const who = leadMembers(action, members);
  const leadMember = action.leadMemberId !== null ? members.find((x) => x.id === action.leadMemberId) : undefined;
  const person = leadMember?.displayName ?? action.leadUser ?? null;
  const label = action.leadDelegation && person ? `${action.leadDelegation} (${person})` : (action.leadDelegation ?? person ?? "no lead named");
  return { label, delegation: action.leadDelegation, memberIds: who.map((m) => m.id) };
}

/**
 * Whether the actor may report for the action: its lead member, a member named as its lead user, a
 * member of its lead delegation, or the secretariat entering a report received another way.
 */
export function mayReport(actor: Pick<Actor, "role" | "delegation" | "member">, action: ActionLead): boolean {
  if (actor.role === "secretariat") return true;
  if (action.leadMemberId !== null && action.leadMemberId === actor.member.id) return true;
  if (action.leadUser) {
    const u = action.leadUser.toLowerCase();
    if (actor.member.platformUserId.toLowerCase() === u || actor.member.displayName.toLowerCase() === u) return true;
  }
  return Boolean(action.leadDelegation && actor.delegation && action.leadDelegation.toUpperCase() === actor.delegation.toUpperCase());
}
