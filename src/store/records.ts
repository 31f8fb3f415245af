/**
 * Compile-time proof that the record types the core names (src/core/records.ts) are exactly the
 * schema's: a changed column makes this file fail to type-check. Nothing runs here.
 */
import type { MemberRecord, WorkingPartyRecord } from "../core/records.ts";
import type { Member, WorkingParty } from "../generated/sqlite/browser.ts";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

export type RecordsMatchSchema = [Assert<Same<Member, MemberRecord>>, Assert<Same<WorkingParty, WorkingPartyRecord>>];
