/** Reminder rules, holidays and the upcoming schedule, from chat. Changes are the secretariat's. */
import { z } from "zod";
import { defineCommand, type CommandContext } from "../core/command.ts";
import { InputError, NotFoundError } from "../core/errors.ts";
import { reply, textReply } from "../core/reply.ts";
import { normaliseHolidays } from "./holidays.ts";
import { dueWithWords } from "../time/due-words.ts";
import { addCivilDays, civilDateAt, longDate } from "../time/civil-date.ts";
import { parseHolidays } from "../store/index.ts";
import { DeliveryTime, describeRule, toRule } from "./rules.ts";
import { activeRules } from "./due-reminders.ts";
import { sameMeaning } from "./reminder-keys.ts";
import { upcomingReminders } from "./upcoming.ts";
import { reminderSettings } from "./settings.ts";

const Days = z.coerce.number().int().min(0, "at least 0 days").max(365, "at most 365 days");

async function auditChange(ctx: CommandContext, action: string, detail: Record<string, unknown>) {
  await ctx.uow.audit.record({ workingPartyId: ctx.actor.workingParty.id, actor: ctx.actor.ref, action, detail, at: ctx.now });
}

export const reminderCommands = [
  defineCommand({
    id: "reminders.rules",
    group: "Reminders",
    summary: "Show the reminder rules, delivery time and holidays.",
    usage: "reminder rules",
    examples: ["reminder rules", "reminders"],
    args: z.object({}),
    handler: async (_a, ctx) => {
      const s = await reminderSettings(ctx.deps.store.repos, ctx.actor.workingParty);
      return reply(`${s.workingParty} reminder rules`, [
        { type: "text", text: `Reminder rules of ${s.workingParty} (times in ${s.timeZone}; weekends and holidays move a reminder to the nearest working day):`, style: "heading" },
        { type: "fields", fields: s.rules.map((r) => ({ label: `#${r.id}`, value: r.text })) },
        { type: "text", text: s.holidays.length ? `Holidays: ${s.holidays.map(longDate).join(", ")}` : "No holidays listed.", style: "muted" },
        { type: "text", text: `Missed reminders are sent late within ${s.catchUpHours} hours; older ones are named in the next digest.`, style: "muted" },
      ]);
    },
  }),
  defineCommand({
    id: "reminders.upcoming",
    group: "Reminders",
    summary: "List the reminders the bot will send in the next 30 days.",
    usage: "upcoming reminders",
    examples: ["upcoming reminders", "reminders upcoming"],
    args: z.object({}),
    handler: async (_a, ctx) => {
      const wp = ctx.actor.workingParty;
      const today = civilDateAt(ctx.now, wp.timeZone);
      const list = await upcomingReminders(ctx.deps.store.repos, wp, today, addCivilDays(today, 30), ctx.now);
      if (list.length === 0) return textReply("No reminders are due in the next 30 days.");
      return reply(`${list.length} reminders in the next 30 days`, [
        {
          type: "fields",
          fields: list.slice(0, 40).map((u) => ({ label: `${longDate(civilDateAt(new Date(u.at), wp.timeZone))}`, value: `${u.action ?? "plan"} ${u.title} — due ${dueWithWords(u.dueText, u.due)}, ${u.rule}` })),
        },
        ...(list.length > 40 ? [{ type: "text" as const, text: `… and ${list.length - 40} more.`, style: "muted" as const }] : []),
      ]);
    },
  }),
  defineCommand({
    id: "reminders.add",
    group: "Reminders",
    summary: "Add a reminder rule.",
    usage: "reminder add N days before|on the day|N days after [every N days] [at HH:MM] | escalate after N working days",
    examples: ["reminder add 7 days before", "reminder add on the day at 08:30", "reminder add 1 day after every 7 days", "escalate after 5 working days"],
    roles: ["secretariat"],
    args: z.object({
      kind: z.string().toLowerCase().pipe(z.enum(["before", "on", "after", "escalate"])),
      days: Days.optional(),
      repeat: z.coerce.number().int().min(1).max(365).optional(),
      time: DeliveryTime.optional(),
    }),
    handler: async ({ kind, days, repeat, time }, ctx) => {
      const wp = ctx.actor.workingParty;
      const offsetDays = kind === "on" ? 0 : (days ?? 0);
      if (kind === "escalate" && offsetDays < 1) throw new InputError("Escalate after at least 1 working day.", { days: "at least 1" });
      const repeatDays = kind === "after" ? (repeat ?? null) : null;
      // A rule that means the same as one in force would remind of nothing new.
      const twin = (await activeRules(ctx.deps.store.repos, wp.id)).find((r) => sameMeaning(r, { kind, offsetDays, repeatDays, workingDaysOnly: true }));
      if (twin) {
        const remove = { command: "reminders.remove", args: { id: twin.id }, text: `reminder remove ${twin.id}` };
        throw new InputError([`Rule #${twin.id} already reminds ${describeRule(twin)}; nothing was added. To change its time: `, remove, ", then add it again."]);
      }
      const row = await ctx.uow.reminderRules.add({ workingPartyId: wp.id, kind, offsetDays, repeatDays, deliveryTime: time ?? wp.reminderTime });
      await auditChange(ctx, "reminders.rule.add", { id: row.id, kind, offsetDays, repeat, time });
      return textReply(`Added reminder rule #${row.id}: ${describeRule(toRule(row)!)}.`);
    },
  }),
  defineCommand({
    id: "reminders.remove",
    group: "Reminders",
    summary: "Remove a reminder rule by its number.",
    usage: "reminder remove N",
    examples: ["reminder remove 3"],
    roles: ["secretariat"],
    args: z.object({ id: z.coerce.number().int().positive("a rule number from: reminder rules") }),
    handler: async ({ id }, ctx) => {
      const wpId = ctx.actor.workingParty.id;
      // the refusal names the rules there are rather than a command: chat and the CLI list them differently
      if (!(await ctx.uow.reminderRules.disable(wpId, id))) {
        const ids = (await ctx.uow.reminderRules.enabled(wpId)).map((r) => `#${r.id}`);
        throw new NotFoundError(`There is no reminder rule #${id}; nothing was removed. ${ids.length ? `The rules are ${ids.join(", ")}.` : "There are no rules."}`);
      }
      await auditChange(ctx, "reminders.rule.remove", { id });
      return textReply(`Removed reminder rule #${id}.`);
    },
  }),
  defineCommand({
    id: "reminders.time",
    group: "Reminders",
    summary: "Set the local time every reminder goes out.",
    usage: "reminders at HH:MM",
    examples: ["reminders at 08:30"],
    roles: ["secretariat"],
    args: z.object({ time: DeliveryTime }),
    handler: async ({ time }, ctx) => {
      const wpId = ctx.actor.workingParty.id;
      // Every rule now, and the rules added later (the working party keeps the time): one unit of work.
      await ctx.deps.store.unitOfWork(async (uow) => {
        await uow.reminderRules.setDeliveryTime(wpId, time);
        await uow.workingParties.update(wpId, { reminderTime: time });
        await auditChange({ ...ctx, uow }, "reminders.time", { time });
      });
      return textReply(`Reminders now go out at ${time} (${ctx.actor.workingParty.timeZone}).`);
    },
  }),
  defineCommand({
    id: "reminders.holiday",
    group: "Reminders",
    summary: "Add or remove a holiday on which no reminder goes out.",
    usage: "holiday add|remove YYYY-MM-DD",
    examples: ["holiday add 2026-12-24", "holiday remove 2026-12-24"],
    roles: ["secretariat"],
    args: z.object({ op: z.string().toLowerCase().pipe(z.enum(["add", "remove"])), days: z.array(z.string().max(40)).min(1, "at least one day, YYYY-MM-DD").max(366) }),
    handler: async ({ op, days }, ctx) => {
      const wp = ctx.actor.workingParty;
      const given = normaliseHolidays(days);
      const current = [...parseHolidays(wp.holidays)];
      const next = op === "add" ? normaliseHolidays([...current, ...given]) : current.filter((d) => !given.includes(d));
      await ctx.uow.workingParties.setHolidays(wp.id, next);
      await auditChange(ctx, `reminders.holiday.${op}`, { days: given });
      return textReply(next.length ? `Holidays of ${wp.code}: ${next.map(longDate).join(", ")}.` : `${wp.code} has no holidays listed.`);
    },
  }),
];
