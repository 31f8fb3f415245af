/** A working party's reminder settings as data: what `reminder rules` shows and `--json` prints. */
import { parseHolidays, type Repositories, type WorkingParty } from "../store/index.ts";
import { activeRules } from "./due-reminders.ts";
import { describeRule } from "./rules.ts";

export interface ReminderSettings {
  workingParty: string;
  timeZone: string;
  /** the time new rules go out at */
  reminderTime: string;
  catchUpHours: number;
  holidays: string[];
  rules: { id: number; kind: string; offsetDays: number; repeatDays: number | null; time: string; workingDaysOnly: boolean; channels: number[]; text: string }[];
}

export async function reminderSettings(repos: Pick<Repositories, "reminderRules">, wp: WorkingParty): Promise<ReminderSettings> {
  const rules = await activeRules(repos, wp.id);
  return {
    workingParty: wp.code,
    timeZone: wp.timeZone,
    reminderTime: wp.reminderTime,
    catchUpHours: wp.catchUpHours,
    holidays: [...parseHolidays(wp.holidays)],
    rules: rules.map((r) => ({ id: r.id, kind: r.kind, offsetDays: r.offsetDays, repeatDays: r.repeatDays, time: r.deliveryTime, workingDaysOnly: r.workingDaysOnly, channels: r.channelIds, text: describeRule(r) })),
  };
}
