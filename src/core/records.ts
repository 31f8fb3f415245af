/**
 * The stored records the core itself names (an Actor's member and working party). The core sits
 * below the store, so it cannot import Prisma's generated types; these are written out here and
 * src/store/records.ts fails to compile if they and the schema ever differ. Every other persisted
 * shape is Prisma's, re-exported by src/store.
 */

/** A person on one platform, with the role and delegation they hold in one working party. */
export interface MemberRecord {
  id: number;
  workingPartyId: number;
  platform: string;
  platformUserId: string;
  displayName: string;
  delegation: string | null;
  role: string;
  timeZone: string | null;
  /** JSON: how to reach the member directly (Slack DM channel, Teams conversation reference) */
  directRef: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A working party and its plan rules. */
export interface WorkingPartyRecord {
  id: number;
  code: string;
  name: string;
  timeZone: string;
  planMonths: number;
  adoptLeadMonths: number;
  /** JSON array of "YYYY-MM-DD" days on which no reminder is delivered */
  holidays: string;
  catchUpHours: number;
  /** local time "HH:MM" new reminder rules go out at */
  reminderTime: string;
  createdAt: Date;
  updatedAt: Date;
}
