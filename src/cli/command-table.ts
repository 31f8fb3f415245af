/**
 * The top-level commands: what `secretariat --help` says about each without loading it, and the
 * module that registers it. A command's module (and the jobs it imports) is loaded only when that
 * command runs or its own help is asked for.
 */
import type { Command } from "commander";
import type { CliContext } from "./context.ts";

type Register = (program: Command, ctx: CliContext) => void;

export interface CommandEntry {
  name: string;
  /** arguments shown in the overview, e.g. "[options] [question...]" */
  usage: string;
  /** the one line in the overview */
  summary: string;
  load(): Promise<Register>;
}

/** Each job adds its commands here, in the order the overview lists them. */
export const commandTable: CommandEntry[] = [
  { name: "start", usage: "[options]", summary: "run the bot: Slack/Teams when configured, otherwise the console chat", load: async () => (await import("./commands/start.ts")).registerStart },
  { name: "say", usage: "[options] <message...>", summary: "send a message to the bot as a user and print what it sent", load: async () => (await import("./commands/say.ts")).registerSay },
  { name: "ask", usage: "[options] [question...]", summary: "answer a question from the strategy documents", load: async () => (await import("./commands/ask.ts")).registerAsk },
  {
    name: "import",
    usage: "<strategy|plan> <file>",
    summary: "add a strategy document or an action plan from a file",
    load: async () => {
      const [strategy, plan] = await Promise.all([import("./commands/import-strategy.ts"), import("./commands/import-plan.ts")]);
      return (program, ctx) => {
        strategy.registerImportStrategy(program, ctx);
        plan.registerImportPlan(program, ctx);
      };
    },
  },
  {
    name: "plan",
    usage: "<command>",
    summary: "action plans: cycle (start, end, adopt-next-by), remove",
    load: async () => {
      const [cycle, remove] = await Promise.all([import("./commands/plan-cycle.ts"), import("./commands/plan-remove.ts")]);
      return (program, ctx) => {
        cycle.registerPlanCycle(program, ctx);
        remove.registerPlanRemove(program, ctx);
      };
    },
  },
  { name: "deadlines", usage: "[options]", summary: "list action-plan deadlines (open, done, overdue)", load: async () => (await import("./commands/deadlines.ts")).registerDeadlines },
  { name: "calendar", usage: "[options]", summary: "an iCalendar (.ics) of deadlines, or its feed URL", load: async () => (await import("./commands/calendar.ts")).registerCalendar },
  { name: "timeline", usage: "[options]", summary: "draw plans and deadlines as PNG or SVG", load: async () => (await import("./commands/timeline.ts")).registerTimeline },
  { name: "presidency", usage: "[options]", summary: "the Council presidency in office and the deadlines in its term", load: async () => (await import("./commands/presidency.ts")).registerPresidency },
  { name: "reminders", usage: "<command>", summary: "deadline reminders: tick, list, rules, add, remove, time, holiday", load: async () => (await import("./commands/reminders.ts")).registerReminders },
  { name: "collect", usage: "<command>", summary: "progress-report collections: start, status, compile", load: async () => (await import("./commands/collect.ts")).registerCollect },
  { name: "member", usage: "<command>", summary: "members: set a person's role and delegation", load: async () => (await import("./commands/member.ts")).registerMember },
  { name: "audit", usage: "[options]", summary: "the audit log, newest first", load: async () => (await import("./commands/audit.ts")).registerAudit },
  { name: "wp", usage: "<command>", summary: "working parties: create, list, set", load: async () => (await import("./commands/wp.ts")).registerWorkingParty },
  { name: "setup", usage: "[options]", summary: "prepare the database (migrations, bundled data) and exit", load: async () => (await import("./commands/setup.ts")).registerSetup },
  { name: "console", usage: "link [options]", summary: "a single-use sign-in link to the web console", load: async () => (await import("./commands/console.ts")).registerConsole },
];
