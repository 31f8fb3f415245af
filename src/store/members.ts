/**
 * Members: people on one platform in one working party, with their role and delegation. First
 * contact creates a delegate; the secretariat (or a trusted local operator) sets roles and
 * delegations; chairs are who notices go to.
 */
import type { Member } from "../generated/sqlite/client.ts";
import { parseJsonColumn } from "./json.ts";
import type { DbTx } from "./store.ts";

/** A member's identity: working party, platform, platform user id. */
export interface MemberKey {
  workingPartyId: number;
  platform: string;
  platformUserId: string;
}

/** What may change about a member. */
export type MemberChanges = Partial<Pick<Member, "role" | "delegation" | "displayName" | "timeZone" | "directRef">>;

export class MemberRepository {
  private readonly db: DbTx;
  constructor(db: DbTx) {
    this.db = db;
  }

  find(key: MemberKey): Promise<Member | null> {
    return this.db.member.findUnique({ where: { workingPartyId_platform_platformUserId: key } });
  }

  /**
   * The member a command names by hand (`role marie chair`): by platform user id on the given
   * platform (on the console, the user name), never by display name, which anyone can set to
   * "marie" on Slack or Teams. A mention (`role @marie chair`) arrives as the user id.
   */
  findNamed(workingPartyId: number, platform: string, name: string): Promise<Member | null> {
    return this.db.member.findFirst({ where: { workingPartyId, platform, platformUserId: name } });
  }

  /** Every membership of one person (one row per working party), with its working party, by code. */
  ofPerson(platform: string, platformUserId: string) {
    return this.db.member.findMany({ where: { platform, platformUserId }, include: { workingParty: true }, orderBy: { workingParty: { code: "asc" } } });
  }

  /** Every member of a working party, oldest first. */
  inWorkingParty(workingPartyId: number): Promise<Member[]> {
    return this.db.member.findMany({ where: { workingPartyId }, orderBy: { id: "asc" } });
  }

  /** Every member of a working party as the console lists them: by role (secretariat, delegate, chair), then name. */
  byRole(workingPartyId: number): Promise<Member[]> {
    return this.db.member.findMany({ where: { workingPartyId }, orderBy: [{ role: "desc" }, { displayName: "asc" }] });
  }

  /** The chairs of a working party, oldest first. */
  chairs(workingPartyId: number): Promise<Member[]> {
    return this.db.member.findMany({ where: { workingPartyId, role: "chair" }, orderBy: { id: "asc" } });
  }

  /**
   * Creates the member (a delegate named `displayName` unless `changes` say otherwise) or applies
   * `changes` to it. Returns the member as stored.
   */
  save(key: MemberKey, displayName: string, changes: MemberChanges): Promise<Member> {
    return this.db.member.upsert({
      where: { workingPartyId_platform_platformUserId: key },
      create: { ...key, displayName, role: "delegate", ...changes },
      update: changes,
    });
  }

  update(id: number, changes: MemberChanges): Promise<Member> {
    return this.db.member.update({ where: { id }, data: changes });
  }

  /**
   * Remembers how to reach a platform user directly (a Teams conversation reference) on every
   * member row they have, in any working party. `ref` is the platform's JSON, stored as text.
   */
  async setDirectRef(platform: string, platformUserId: string, ref: unknown): Promise<void> {
    await this.db.member.updateMany({ where: { platform, platformUserId }, data: { directRef: JSON.stringify(ref) } });
  }

  /** The direct reference stored for a platform user (their latest, in any working party), parsed, or null. */
  async directRefOf(platform: string, platformUserId: string): Promise<unknown> {
    const m = await this.db.member.findFirst({ where: { platform, platformUserId, directRef: { not: null } }, orderBy: { updatedAt: "desc" }, select: { directRef: true } });
    return parseJsonColumn(m?.directRef, null);
  }

  /** Up to `limit` direct references stored on a platform, most recent first, parsed. */
  async directRefs(platform: string, limit: number): Promise<unknown[]> {
    const rows = await this.db.member.findMany({ where: { platform, directRef: { not: null } }, orderBy: { updatedAt: "desc" }, take: limit, select: { directRef: true } });
    return rows.map((m) => parseJsonColumn(m.directRef, null)).filter((r) => r !== null);
  }

  /** The most recently stored direct reference of any member on a platform, parsed, or null. */
  async latestDirectRef(platform: string): Promise<unknown> {
    const m = await this.db.member.findFirst({ where: { platform, directRef: { not: null } }, orderBy: { updatedAt: "desc" }, select: { directRef: true } });
    return parseJsonColumn(m?.directRef, null);
  }
}

