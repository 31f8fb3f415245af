/** Who is speaking: the member behind a message, with what they may do. */
import type { Platform, Role } from "./message.ts";
import type { MemberRecord, WorkingPartyRecord } from "./records.ts";

/** The member behind a message, with what they may do. */
export interface Actor {
  member: MemberRecord;
  role: Role;
  delegation: string | null;
  workingParty: WorkingPartyRecord;
  platform: Platform;
  /** "slack:U0123": how the audit log names them */
  ref: string;
}
