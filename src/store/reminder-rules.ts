/**
 * Reminder rules of a working party, as stored. What a rule means (its kinds, its channel list)
 * is src/reminders/rules.ts's; this module holds the queries.
 */
import type { ReminderRule } from "../generated/sqlite/client.ts";
import type { DbTx } from "./store.ts";

/** The columns a new rule is written with. */
export interface NewReminderRule {
  workingPartyId: number;
  kind: string;
  offsetDays: number;
  repeatDays: number | null;
  deliveryTime: string;
}

export class ReminderRuleRepository {
  private readonly db: DbTx;
  constructor(db: DbTx) {
    this.db = db;
  }

  /** The rules in force (removed ones are kept, disabled), oldest first. */
  enabled(workingPartyId: number): Promise<ReminderRule[]> {
    return this.db.reminderRule.findMany({ where: { workingPartyId, enabled: true }, orderBy: { id: "asc" } });
  }

  add(row: NewReminderRule): Promise<ReminderRule> {
    return this.db.reminderRule.create({ data: row });
  }

  /** Disables a rule in force of this working party; false when there is none with this id. */
  async disable(workingPartyId: number, id: number): Promise<boolean> {
    const { count } = await this.db.reminderRule.updateMany({ where: { id, workingPartyId, enabled: true }, data: { enabled: false } });
    return count === 1;
  }

  /** Moves every rule of the working party (disabled ones too) to this local time. */
  async setDeliveryTime(workingPartyId: number, time: string): Promise<void> {
    await this.db.reminderRule.updateMany({ where: { workingPartyId }, data: { deliveryTime: time } });
  }
}
