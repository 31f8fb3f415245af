/** Creating a working party: any working party can use the bot, not only the bundled CCWP. */
import { z } from "zod";
import type { Db, WorkingParty } from "../store/index.ts";
import { DEFAULT_RULES } from "../reminders/rules.ts";
import { isCivilDate } from "../time/civil-date.ts";
import { InputError } from "../core/errors.ts";

/** An IANA time zone name that the runtime knows ("Europe/Brussels"). */
export const TimeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "an IANA time zone such as Europe/Brussels");

export const NewWorkingParty = z.object({
  code: z.string().trim().toUpperCase().regex(/^[A-Z0-9_-]{2,20}$/, "2–20 letters, digits, - or _"),
  name: z.string().trim().min(2).max(200),
  timeZone: TimeZone.default("Europe/Brussels"),
  planMonths: z.number().int().min(1).max(120).default(18),
  adoptLeadMonths: z.number().int().min(0).max(24).default(2),
  consoleChannel: z.string().trim().min(1).max(80).optional(),
});

/** Creates a working party with the default reminder rules and, optionally, a console channel. */
export async function createWorkingParty(db: Db, input: z.input<typeof NewWorkingParty>): Promise<WorkingParty> {
  const wp = NewWorkingParty.parse(input);
  if (wp.adoptLeadMonths >= wp.planMonths) throw new InputError("The adoption lead must be shorter than the plan.");
  if (await db.workingParty.findUnique({ where: { code: wp.code } })) throw new InputError(`Working party ${wp.code} exists already.`);
  return db.workingParty.create({
    data: {
      code: wp.code,
      name: wp.name,
      timeZone: wp.timeZone,
      planMonths: wp.planMonths,
      adoptLeadMonths: wp.adoptLeadMonths,
      reminderRules: { create: DEFAULT_RULES.map((r) => ({ ...r, channelIds: "[]" })) },
      channels: wp.consoleChannel
        ? {
            create: [
              { platform: "console", channelId: wp.consoleChannel, name: wp.consoleChannel, purpose: "reminders" },
              { platform: "console", channelId: wp.consoleChannel, name: wp.consoleChannel, purpose: "secretariat" },
            ],
          }
        : undefined,
    },
  });
}

/** Validates a holiday list: real YYYY-MM-DD days, sorted, no duplicates. */
export function normaliseHolidays(days: string[]): string[] {
  const bad = days.find((d) => !isCivilDate(d));
  if (bad) throw new InputError(`"${bad}" is not a date; write holidays as YYYY-MM-DD.`);
  return [...new Set(days)].sort();
}
