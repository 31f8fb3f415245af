/** `secretariat reminders tick|list|rules|rule|holiday`: the scheduler by hand, and its settings. */
import type { Command } from "commander";
import { z } from "zod";
import { replyToPlainText } from "../../core/reply.ts";
import { Dispatcher } from "../../outbox/dispatcher.ts";
import { Outbox } from "../../outbox/outbox.ts";
import { runTick } from "../../scheduler/tick.ts";
import { upcomingReminders } from "../../reminders/upcoming.ts";
import { reminderSettings } from "../../reminders/settings.ts";
import { civilDateAt, addCivilDays } from "../../time/civil-date.ts";
import type { SentMessage } from "../adapter-kit.ts";
import { emit, type CliContext } from "../context.ts";
import { cliWords } from "../deadline-words.ts";
import { CliError } from "../io.ts";
import { DayOption as Day, parseOptions } from "../options.ts";
import { planners } from "../../scheduler/planners.ts";
import { runAsOperator, workingPartyOf, type CliSpelling } from "../operator.ts";

const Instant = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), "an ISO date-time such as 2026-11-23T09:00:00+01:00");

export function registerReminders(program: Command, ctx: CliContext): void {
  const reminders = program.command("reminders").description("deadline reminders: deliver what is due, list, and set the rules");

  reminders
    .command("tick")
    .description("deliver what is due at --now through the CLI messenger and print the deliveries; the same tick again delivers nothing")
    .requiredOption("--now <iso>", "the instant to tick at, e.g. 2026-11-23T09:00:00+01:00")
    .option("--json", "print a JSON array of {key, to, text, kind, platform, late, outcome}")
    .action(async (raw: Record<string, unknown>) => {
      const o = parseOptions(z.object({ now: Instant, json: z.boolean().optional() }), raw);
      const now = new Date(o.now);
      await ctx.withRuntime(async (rt) => {
        const sent: SentMessage[] = [];
        const kit = await ctx.kit();
        const messengers = [kit.consoleMessenger((m) => sent.push(m)), ...(await kit.platformMessengers(rt))];
        const dispatcher = new Dispatcher(rt.store, messengers, rt.logger);
        const { results } = await runTick({ store: rt.store, logger: rt.logger }, dispatcher, now, planners);
        // Everything this tick dealt with, also what did not go out (retry, failed, expired), and
        // what is due for a platform this process cannot reach (the running bot sends it).
        const waiting = (await dispatcher.waiting(now)).map((delivery) => ({ delivery, outcome: "waiting" as const, error: `no ${delivery.platform} messenger in this process (${delivery.platform} is not configured here); the running bot sends it` }));
        const delivered = [...results, ...waiting].map((r) => ({
          key: r.delivery.key,
          to: r.delivery.targetKind === "user" ? `user:${r.delivery.target}` : r.delivery.target,
          text: Outbox.replies(r.delivery).map(replyToPlainText).join("\n\n"),
          kind: r.delivery.kind,
          platform: r.delivery.platform,
          late: r.delivery.late,
          outcome: r.outcome,
          ...(r.error ? { error: r.error } : {}),
        }));
        const gone = (outcome: string) => outcome === "sent" || outcome === "already-sent";
        emit(ctx.io, Boolean(o.json), delivered, () =>
          delivered.length === 0
            ? "Nothing to deliver."
            : delivered.map((d) => `→ ${d.to} [${d.key}]${d.late ? " (late)" : ""}${gone(d.outcome) ? "" : ` ${d.outcome}: ${d.error ?? ""}`}\n${d.text}`).join("\n\n"),
        );
      });
    });

  reminders
    .command("list")
    .description("what the rules will send between --from and --until, and what was sent")
    .option("--wp <code>", "working party (default: DEFAULT_WORKING_PARTY)")
    .option("--from <date>", "YYYY-MM-DD (default: today)")
    .option("--until <date>", "YYYY-MM-DD (default: 30 days after --from)")
    .option("--json", "print {planned: [...], sent: [...]}")
    .action(async (raw: Record<string, unknown>) => {
      const o = parseOptions(z.object({ wp: z.string().optional(), from: Day.optional(), until: Day.optional(), json: z.boolean().optional() }), raw);
      await ctx.withRuntime(async (rt) => {
        const wp = await workingPartyOf(rt, o.wp);
        const from = o.from ?? civilDateAt(ctx.io.now(), wp.timeZone);
        const until = o.until ?? addCivilDays(from, 30);
        if (until < from) throw new CliError("--until is before --from", 2);
        const planned = await upcomingReminders(rt.store.repos, wp, from, until);
        const sentRows = await rt.store.repos.deliveries.digestsDue(wp.id, new Date(`${from}T00:00:00Z`), new Date(`${addCivilDays(until, 1)}T00:00:00Z`));
        const sent = sentRows.map((d) => ({ key: d.key, to: d.target, platform: d.platform, at: d.dueAt.toISOString(), status: d.status, late: d.late, sentAt: d.sentAt?.toISOString() ?? null }));
        emit(ctx.io, Boolean(o.json), { planned, sent }, () =>
          [
            `Planned ${from} … ${until}: ${planned.length}`,
            ...planned.map((p) => `  ${p.at}  ${p.action ?? "plan"} ${p.title} — due ${p.due}${cliWords(p)}; ${p.rule}`),
            `Recorded: ${sent.length}`,
            ...sent.map((s) => `  ${s.at}  ${s.status}${s.late ? " (late)" : ""}  ${s.platform} ${s.to}  ${s.key}`),
          ].join("\n"),
        );
      });
    });

  // The settings commands are the chat commands, called by id with the options as arguments.
  interface ById {
    name: string;
    /** the positional arguments, as commander reads them, e.g. "<op> <days...>" */
    args?: string;
    description: string;
    command: string;
    toArgs: (o: Record<string, unknown>, args: string[]) => Record<string, unknown>;
    options?: [string, string][];
    /** how a refusal spells the command and its fields (see runAsOperator) */
    spelling: CliSpelling;
  }
  const byId = ({ name, args, description, command, toArgs, options = [], spelling }: ById) => {
    const c = reminders.command(`${name}${args ? ` ${args}` : ""}`).description(description).option("--wp <code>", "working party").option("--json", "print the bot's reply as JSON");
    for (const [flag, help] of options) c.option(flag, help);
    c.action(async (...params: unknown[]) => {
      const positional = params.slice(0, -2) as (string | string[])[];
      const raw = params.at(-2) as Record<string, unknown>;
      await runAsOperator(ctx, command, toArgs(raw, positional.flat()), raw, spelling);
    });
  };
  reminders
    .command("rules")
    .description("show the reminder rules, delivery time and holidays")
    .option("--wp <code>", "working party")
    .option("--json", "print {workingParty, timeZone, reminderTime, catchUpHours, holidays, rules: [{id, kind, offsetDays, repeatDays, time, workingDaysOnly, channels, text}]}")
    .action(async (raw: Record<string, unknown>) => {
      const o = parseOptions(z.object({ wp: z.string().optional(), json: z.boolean().optional() }), raw);
      if (!o.json) return runAsOperator(ctx, "reminders.rules", {}, raw);
      await ctx.withRuntime(async (rt) => emit(ctx.io, true, await reminderSettings(rt.store.repos, await workingPartyOf(rt, o.wp)), () => ""));
    });
  byId({
    name: "add",
    description: "add a rule: --kind before|on|after|escalate [--days N] [--repeat N] [--time HH:MM]",
    command: "reminders.add",
    toArgs: (o) => ({ kind: o.kind, days: o.days, repeat: o.repeat, time: o.time }),
    options: [
      ["--kind <kind>", "before | on | after | escalate"],
      ["--days <n>", "days before/after, or working days overdue for escalate"],
      ["--repeat <n>", "after: repeat every N days while open"],
      ["--time <HH:MM>", "local delivery time (default: the working party's reminder time)"],
    ],
    spelling: { usage: "secretariat reminders add --kind before|on|after|escalate [--days N] [--repeat N] [--time HH:MM]" },
  });
  byId({ name: "remove", args: "<id>", description: "remove rule ID", command: "reminders.remove", toArgs: (_o, a) => ({ id: a[0] }), spelling: { usage: "secretariat reminders remove ID (the rule numbers: secretariat reminders rules)", names: { id: "ID" } } });
  byId({ name: "time", args: "<HH:MM>", description: "set the local delivery time of every rule", command: "reminders.time", toArgs: (_o, a) => ({ time: a[0] }), spelling: { usage: "secretariat reminders time HH:MM", names: { time: "" } } });
  byId({
    name: "holiday",
    args: "<op> <days...>",
    description: "add or remove holidays: holiday add|remove YYYY-MM-DD...",
    command: "reminders.holiday",
    toArgs: (_o, a) => ({ op: a[0], days: a.slice(1) }),
    spelling: { usage: "secretariat reminders holiday add|remove YYYY-MM-DD...", names: { op: "", days: "" } },
  });
}
