/** A working party's reminder settings as data: what `reminder rules` shows and `--json` prints. */
import type { DbTx, WorkingParty } from "../store/index.ts";
import { activeRules } from "./due-reminders.ts";
import { describeRule, safeJson } from "./rules.ts";

export interface ReminderSettings {
  workingParty: string;
  timeZone: string;
  /** the time new rules go out at */
  reminderTime: string;
  catchUpHours: number;
  holidays: string[];
  rules: { id: number; kind: string; offsetDays: number; repeatDays: number | null; time: string; workingDaysOnly: boolean; channels: number[]; text: string }[];
}

export async function reminderSettings(db: DbTx, wp: WorkingParty): Promise<ReminderSettings> {
  const rules = await activeRules(db, wp.id);
  const holidays = safeJson(wp.holidays);
  return {
    workingParty: wp.code,
    timeZone: wp.timeZone,
    reminderTime: wp.reminderTime,
    catchUpHours: wp.catchUpHours,
    holidays: Array.isArray(holidays) ? holidays.filter((h): h is string => typeof h === "string") : [],
    rules: rules.map((r) => ({ id: r.id, kind: r.kind, offsetDays: r.offsetDays, repeatDays: r.repeatDays, time: r.deliveryTime, workingDaysOnly: r.workingDaysOnly, channels: r.channelIds, text: describeRule(r) })),
  };
}
