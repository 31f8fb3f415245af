/**
 * Working parties: looking one up by code (and the one message for a code that names none), the
 * list, creating one with its rules and channels, and its settings, holidays included (a JSON text
 * column, parsed here and nowhere else).
 */
import { NotFoundError } from "../core/errors.ts";
import type { Prisma, WorkingParty } from "../generated/sqlite/client.ts";
import { parseStringList } from "./json.ts";
import type { DbTx } from "./store.ts";

/** What a new working party is created with; validation is the caller's (src/admin). */
export interface NewWorkingPartyRow {
  code: string;
  name: string;
  timeZone: string;
  planMonths: number;
  adoptLeadMonths: number;
  /** the reminder rules it starts with (src/reminders' defaults) */
  reminderRules: Omit<Prisma.ReminderRuleCreateManyWorkingPartyInput, "channelIds">[];
  /** a console channel bound for reminders and for the secretariat */
  consoleChannel?: string;
}

export type WorkingPartySettings = Partial<Pick<WorkingParty, "name" | "timeZone" | "planMonths" | "adoptLeadMonths" | "catchUpHours" | "reminderTime">>;

export class WorkingPartyRepository {
  private readonly db: DbTx;
  constructor(db: DbTx) {
    this.db = db;
  }

  /** The working party with this code (any case), or null. */
  find(code: string): Promise<WorkingParty | null> {
    return this.db.workingParty.findUnique({ where: { code: code.trim().toUpperCase() } });
  }

  /** The working party with this code, or a NotFoundError that names the ones there are. */
  async get(code: string): Promise<WorkingParty> {
    const wp = await this.find(code);
    if (wp) return wp;
    throw new NotFoundError(await this.unknownMessage(code));
  }

  /** "There is no working party X; the working parties are A, B." — the one wording for all. */
  async unknownMessage(code: string): Promise<string> {
    const known = (await this.list()).map((w) => w.code);
    const list = known.length ? `the working parties are ${known.join(", ")}` : "none is set up yet";
    return `There is no working party ${code.trim()}; ${list}.`;
  }

  byId(id: number): Promise<WorkingParty | null> {
    return this.db.workingParty.findUnique({ where: { id } });
  }

  /** Every working party, oldest first. */
  list(): Promise<WorkingParty[]> {
    return this.db.workingParty.findMany({ orderBy: { id: "asc" } });
  }

  /** The deployment's default working party: the configured code, else the first one set up. */
  async fallback(defaultCode: string): Promise<WorkingParty | null> {
    return (await this.find(defaultCode)) ?? (await this.db.workingParty.findFirst({ orderBy: { id: "asc" } }));
  }

  /** Creates a working party with its reminder rules and, optionally, a console channel. */
  create(row: NewWorkingPartyRow): Promise<WorkingParty> {
    const { reminderRules, consoleChannel, ...fields } = row;
    return this.db.workingParty.create({
      data: {
        ...fields,
        reminderRules: { create: reminderRules.map((r) => ({ ...r, channelIds: "[]" })) },
        channels: consoleChannel
          ? {
              create: [
                { platform: "console", channelId: consoleChannel, name: consoleChannel, purpose: "reminders" },
                { platform: "console", channelId: consoleChannel, name: consoleChannel, purpose: "secretariat" },
              ],
            }
          : undefined,
      },
    });
  }

  update(id: number, settings: WorkingPartySettings): Promise<WorkingParty> {
    return this.db.workingParty.update({ where: { id }, data: settings });
  }

  /** The days on which no reminder is delivered; an unreadable list counts as none. */
  holidays(wp: Pick<WorkingParty, "holidays">): Set<string> {
    return parseHolidays(wp.holidays);
  }

  async setHolidays(id: number, days: readonly string[]): Promise<void> {
    await this.db.workingParty.update({ where: { id }, data: { holidays: JSON.stringify([...days]) } });
  }
}

/** A stored holiday list (JSON text) as a set; anything unreadable counts as none. */
export function parseHolidays(json: string): Set<string> {
  return new Set(parseStringList(json));
}
