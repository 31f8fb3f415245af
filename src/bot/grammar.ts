/**
 * The chat grammar: every way of typing a command, in one table. A phrase is data: a pattern
 * matched against the whole (normalised) text, the id of the command it runs, and how the match
 * becomes the command's raw arguments (by default its named groups; `args` maps them otherwise).
 * The command's zod schema then validates them, exactly as for a button or a CLI call by id, so no
 * handler ever reads the text itself. Phrases are tried in order: specific before general.
 *
 * Extending it: add a row. A near-miss ("colect status") is for the router's suggestions, not for
 * another pattern here.
 */
import { splitReportText } from "../collection/report-text.ts";

/** What a pattern's named groups captured. */
export type Groups = Record<string, string | undefined>;

/** One way to say a command. */
export interface Phrase {
  pattern: RegExp;
  /** the command's id, as buttons and the CLI name it */
  command: string;
  /** the raw arguments from the groups; default: the groups as they are */
  args?: (groups: Groups) => Record<string, unknown>;
}

const PLAN = String.raw`(?:\s+(?:for\s+)?(?:plan\s+)?(?<plan>\S+))?`;
const ACTION = String.raw`(?<action>[0-9A-Za-z]+(?:[.-][0-9A-Za-z]+)*)`;
const REPORT = String.raw`^report\s+(?:on\s+)?(?:action\s+)?${ACTION}`;
// Working-party settings, in the order the usage gives them (a repeated group keeps only its last capture).
const WP_SETTINGS = String.raw`(?: (?:[Tt][Zz]|[Tt]imezone) (?<tz>\S+))?(?: [Mm]onths (?<months>\S+))?(?: [Ll]ead (?<lead>\S+))?`;
/** NAME typed in straight or curly quotes, or bare. */
const WP_NAME = String.raw`(?:"(?<qname>[^"]+)"|\u201c(?<cname>[^\u201d]+)\u201d|(?<name>[^"\u201c]+?))`;
const wpName = (g: Groups) => g.qname ?? g.cname ?? g.name;
const PURPOSE = String.raw`(?: for (?:the )?(?<purpose>reminders|secretariat|general))?`;

/** Every phrase, in matching order. */
export const grammar: readonly Phrase[] = [
  // General and members
  { pattern: /^(?:help|\?|commands)(?:\s+(?<topic>.+))?$/i, command: "help" },
  { pattern: /^(?:whoami|who am i\??)$/i, command: "whoami" },
  { pattern: /^(?:members|member list|list (?:the )?members|who are the members\??)$/i, command: "members.list" },
  { pattern: /^role\s+(?<user>\S+)\s+(?<role>\S+)$/i, command: "members.role" },
  // A delegation may be a country's name in several words ("delegation @ines Czech Republic").
  { pattern: /^delegation\s+(?<user>\S+)\s+(?<delegation>\S.{0,99})$/i, command: "members.delegation" },

  // Progress reports: before the other jobs, so "report …" and "collect …" never become questions
  {
    pattern: new RegExp(String.raw`^collect\s+start${PLAN}(?:\s+due\s+(?<due>\S+))?(?:\s+(?:actions?|only)\s+(?<actions>.+))?$`, "i"),
    command: "collect.start",
  },
  { pattern: new RegExp(String.raw`^collect(?:ion)?\s+status${PLAN}$`, "i"), command: "collect.status" },
  { pattern: new RegExp(String.raw`^collect\s+chase${PLAN}(?:\s+action\s+${ACTION})?$`, "i"), command: "collect.chase" },
  { pattern: new RegExp(String.raw`^collect\s+close${PLAN}$`, "i"), command: "collect.close" },
  { pattern: new RegExp(String.raw`^collect\s+compile${PLAN}$`, "i"), command: "collect.compile" },
  {
    pattern: new RegExp(String.raw`${REPORT}\s+(?<status>on[\s_-]?track|delayed|completed|done|not[\s_-]?started)\s*[:—-]?\s*(?<rest>.*)$`, "i"),
    command: "report.submit",
    args: reportArgs,
  },
  { pattern: new RegExp(String.raw`${REPORT}\s+(?<status>[^:]{1,40}?)\s*:\s*(?<rest>.*)$`, "i"), command: "report.submit", args: reportArgs },
  { pattern: new RegExp(String.raw`${REPORT}$`, "i"), command: "report.form" },

  // Deadlines and plans
  { pattern: /^(?:what is |what's |whats )?(?:due|deadlines?)(?: (?<scope>this week|next week|this month|next month|overdue|mine))?\??$/i, command: "deadlines.list" },
  { pattern: /^(?:what(?: is|'s| are)? )?(?<scope>overdue)(?: deadlines| actions)?\??$/i, command: "deadlines.list" },
  { pattern: /^(?:(?:the )?(?:upcoming|next) deadlines|deadlines coming up)\??$/i, command: "deadlines.list" },
  { pattern: /^(?:deadlines?|(?:what is |what's |whats )?due)(?: (?:of|for|in))? plan (?<plan>\S+?)\??$/i, command: "deadlines.list" },
  // "deadlines in March 2027", "what is due in Q1 2027": the period is read as a deadline phrase is
  { pattern: /^(?:deadlines?|(?:what is |what's |whats )?due) (?:in|for|during|on) (?<period>[^?]+?)\??$/i, command: "deadlines.list" },
  { pattern: /^my deadlines\??$/i, command: "deadlines.list", args: () => ({ scope: "mine" }) },
  { pattern: /^(?:the )?(?:current|active) (?:action )?plan\??$/i, command: "plan.current" },
  { pattern: /^when (?:must|should|do we have to|will) (?:the |we )?(?:next|new) (?:action )?plan be adopted\??$/i, command: "plan.current" },
  { pattern: /^next plan\??$/i, command: "plan.current" },
  {
    pattern: /^(?:which|what) actions (?:implement|address|serve) (?:the )?(?:operational )?(?:objective |point )?(?<label>[\w.()]+(?: [\w.()]+)?) (?:of|in|from) (?:the )?(?<document>.+?)\??$/i,
    command: "plan.objective",
  },
  { pattern: /^action (?<code>[A-Za-z0-9._/-]+)\??$/i, command: "plan.action" },
  { pattern: /^done (?<code>[A-Za-z0-9._/-]+)$/i, command: "plan.done" },
  { pattern: /^mark (?:action )?(?<code>[A-Za-z0-9._/-]+) (?:as )?done$/i, command: "plan.done" },
  { pattern: /^(?:reopen|re-open|undo done|undone) (?:action )?(?<code>[A-Za-z0-9._/-]+)$/i, command: "plan.reopen" },
  { pattern: /^mark (?:action )?(?<code>[A-Za-z0-9._/-]+) (?:as )?(?:open|not done)$/i, command: "plan.reopen" },
  { pattern: /^(?:remove|delete) (?:action )?plan (?<number>\S+)(?: (?<confirm>\S+))?$/i, command: "plan.remove", args: (g) => ({ number: g.number, confirm: g.confirm?.toLowerCase() }) },
  { pattern: /^calendar (?:rotate|new token|new address)(?: (?:plan (?<plan>\d+)|(?<delegation>[A-Za-z][A-Za-z .'-]{1,49})))?$/i, command: "plan.calendar.rotate" },
  { pattern: /^calendar (?:revoke|stop)(?: (?:plan (?<plan>\d+)|(?<delegation>[A-Za-z][A-Za-z .'-]{1,49})))?$/i, command: "plan.calendar.revoke" },
  { pattern: /^calendar(?: (?:plan (?<plan>\d+)|(?<delegation>[A-Za-z][A-Za-z .'-]{1,49})))?$/i, command: "plan.calendar" },
  { pattern: /^(?:show (?:the |me the )?)?timeline$/i, command: "plan.timeline" },
  { pattern: /^(?:the )?presidency\??$/i, command: "plan.presidency" },
  { pattern: /^(?:who|which country) (?:holds|has) the presidency\??$/i, command: "plan.presidency" },

  // Asking the secretariat (before the general "ask …")
  { pattern: /^(?:ask|tell|forward to) (?:the )?secretariat(?:[:,]?\s+(?<question>.+))?$/i, command: "secretariat.ask" },

  // Working parties and the web console
  { pattern: new RegExp(String.raw`^wp create (?<code>\S+) ${WP_NAME}${WP_SETTINGS}$`, "i"), command: "wp.create", args: wpCreateArgs },
  // Slack's `/wp create …` arrives as "create …": the code must then be in capitals, so that
  // "create an action plan" is not read as a working party called AN.
  { pattern: new RegExp(String.raw`^[Cc]reate (?<code>[A-Z][A-Z0-9_-]{1,19}) ${WP_NAME}${WP_SETTINGS}$`), command: "wp.create", args: wpCreateArgs },
  { pattern: /^(?:wp list|wps|(?:list )?working parties)$/i, command: "wp.list" },
  { pattern: /^wp use (?<code>[A-Za-z0-9_-]{2,20})$/i, command: "wp.use" },
  {
    pattern: new RegExp(
      String.raw`^(?:wp )?set(?: (?!(?:name|tz|timezone|months|lead)\b)(?<code>[A-Za-z0-9_-]{2,20}))?(?: name (?:"(?<qname>[^"]+)"|\u201c(?<cname>[^\u201d]+)\u201d))?${WP_SETTINGS}$`,
      "i",
    ),
    command: "wp.set",
  },
  { pattern: /^(?:console|web console|sign in)$/i, command: "console.link" },

  // Set-up: channels
  { pattern: new RegExp(String.raw`^bind (?:this )?channel(?: to (?<wp>[A-Za-z0-9_-]{2,20}))?${PURPOSE}$`, "i"), command: "channels.bind" },
  { pattern: new RegExp(String.raw`^unbind (?:this )?channel${PURPOSE}$`, "i"), command: "channels.unbind" },
  { pattern: /^(?:list )?channels$/i, command: "channels.list" },

  // Reminders
  { pattern: /^(?:reminder rules|reminders(?: rules| settings)?|show reminders)$/i, command: "reminders.rules" },
  { pattern: /^(?:upcoming reminders|reminders upcoming|next reminders)$/i, command: "reminders.upcoming" },
  { pattern: /^(?:add )?reminder(?: add)? (?<days>\d+) days? (?<kind>before|after)(?: every (?<repeat>\d+) days?)?(?: at (?<time>\S+))?$/i, command: "reminders.add" },
  { pattern: /^(?:add )?reminder(?: add)? on the (?:due )?day(?: at (?<time>\S+))?$/i, command: "reminders.add", args: (g) => ({ ...g, kind: "on" }) },
  { pattern: /^escalate after (?<days>\d+) working days?(?: at (?<time>\S+))?$/i, command: "reminders.add", args: (g) => ({ ...g, kind: "escalate" }) },
  { pattern: /^(?:reminder remove|remove reminder|delete reminder) #?(?<id>\S+)$/i, command: "reminders.remove" },
  { pattern: /^reminders? (?:time|at) (?<time>\S+)$/i, command: "reminders.time" },
  { pattern: /^holidays? (?<op>add|remove) (?<days>.+)$/i, command: "reminders.holiday", args: (g) => ({ op: g.op, days: (g.days ?? "").split(/[\s,]+/).filter(Boolean) }) },

  // The member's own overview
  { pattern: /^(?:home|my home|dashboard)$/i, command: "home" },

  // Strategies: importing an attached document, and questions (free text no phrase matched is one too)
  {
    // "for us only" keeps the document to the working party it is imported in; "for everyone" shares it (src/knowledge/document-access.ts)
    pattern: /^import\s+(?:this|it|(?:the\s+)?(?:attached\s+)?(?:file|document|strategy|resolution))(?:\s+(?:(?<ours>(?:just\s+|only\s+)?for\s+(?:us|our\s+working\s+party)(?:\s+only)?)|(?<every>(?:for\s+)?(?:every(?:one|\s+working\s+party)|all(?:\s+working\s+parties)?)|shared(?:\s+with\s+(?:everyone|every\s+working\s+party|all))?)))?\s*[.!]?$/i,
    command: "knowledge.import",
    args: (g) => (g.ours ? { readers: "ours" } : g.every ? { readers: "every" } : {}),
  },
  { pattern: /^(?:ask|question)\s*[:,]?\s+(?<question>.+)$/is, command: "knowledge.ask" },
];

/** Free text no phrase matched: a question for the strategy documents. */
export const fallback = { command: "knowledge.ask", args: (text: string): Record<string, unknown> => ({ question: text }) };

/** "report 99.1 on track: done next: more risks: none" → status, summary, next steps, risks. */
function reportArgs(g: Groups): Record<string, unknown> {
  return { action: g.action, status: g.status, ...splitReportText(g.rest ?? "") };
}

function wpCreateArgs(g: Groups): Record<string, unknown> {
  return { code: g.code, name: wpName(g), tz: g.tz, months: g.months, lead: g.lead };
}
