/**
 * Chat commands for calendar feeds: the feed URL of a scope (the working party, a plan or a lead
 * delegation), and, for the secretariat, a new token for a feed whose URL leaked (`calendar
 * rotate …`) or no feed at all (`calendar revoke …`), both audited. A feed URL is a standing read
 * of the deadlines, so it goes only to members the secretariat has placed and to the console's
 * operator, never to someone whose first message this is.
 */
import { z } from "zod";
import { publicBaseUrl } from "../../config/index.ts";
import type { Actor } from "../../core/actor.ts";
import { defineCommand, type AnyCommand, type CommandContext } from "../../core/command.ts";
import { NotFoundError, PermissionError } from "../../core/errors.ts";
import { reply, textReply } from "../../core/reply.ts";
import { Delegation } from "../../store/delegation.ts";
import { delegationKnownIn, ensureFeed, feedScopeName, feedUrl, findFeed, revokeFeed, rotateFeed } from "./calendar-feeds.ts";
import type { FeedScope } from "./calendar.ts";
import { requirePlan } from "../cycle/plans.ts";

const Args = z.object({ plan: z.coerce.number().int().min(1).optional(), delegation: Delegation.optional() });

/**
 * Placed by the secretariat: a chair, the secretariat, or a delegate with a delegation. Everyone
 * who writes to the bot becomes a delegate without one on first contact; the console is the
 * operator's own terminal.
 */
const placed = (actor: Actor) => actor.platform === "console" || actor.role !== "delegate" || actor.delegation !== null;

/** The scope the arguments name, checked: the plan exists, the delegation has something to do with the working party. */
async function scopeOf(ctx: CommandContext, { plan, delegation }: z.infer<typeof Args>): Promise<FeedScope> {
  const wp = ctx.actor.workingParty;
  if (plan) {
    await requirePlan(ctx, plan);
    return { kind: "plan", number: plan };
  }
  if (delegation) {
    if (!(await delegationKnownIn(ctx.deps.store.repos, wp.id, delegation))) throw new NotFoundError(`No action of ${wp.code} is led by ${delegation}, and no member speaks for it, so there is no calendar for it. Nothing was made.`);
    return { kind: "delegation", code: delegation };
  }
  return { kind: "wp" };
}

const base = (ctx: CommandContext) => publicBaseUrl(ctx.deps.config);

/** The feed's URL, as every answer that gives one shows it. */
const feedReply = (title: string, text: string, url: string) => reply(title, [{ type: "text", text }, { type: "fields", fields: [{ label: "Feed", value: url }] }]);

/** rotate or revoke: the secretariat's two ways to end a feed URL. */
function endFeed(verb: "rotate" | "revoke"): AnyCommand {
  return defineCommand({
    id: `plan.calendar.${verb}`,
    group: "Deadlines",
    summary: verb === "rotate" ? "Give a calendar feed a new address; the old one stops working." : "Stop a calendar feed; its address stops working.",
    usage: `calendar ${verb} [plan N|XX]`,
    examples: [`calendar ${verb} plan 1`, `calendar ${verb} FR`],
    args: Args,
    roles: ["secretariat"],
    handler: async (args, ctx) => {
      const wp = ctx.actor.workingParty;
      const scope = await scopeOf(ctx, args);
      const what = feedScopeName(scope, wp.code);
      const feed = await findFeed(ctx.deps.store.repos, wp.id, scope);
      if (!feed) return textReply(`There is no feed of ${what} yet; nothing was changed.`);
      const audit = { workingPartyId: wp.id, actor: ctx.actor.ref, action: `calendar.${verb}`, subject: `${wp.code} calendar feed of ${scope.kind === "plan" ? `plan ${scope.number}` : scope.kind === "delegation" ? scope.code : "every plan"}`, at: ctx.now };
      const rotated = await ctx.deps.store.unitOfWork(async (uow) => {
        const next = verb === "rotate" ? await rotateFeed(uow, feed) : (await revokeFeed(uow, feed), null);
        await uow.audit.record(audit);
        return next;
      });
      if (!rotated) return textReply(`The calendar feed of ${what} is stopped: its address no longer works. Typing calendar again makes a new address.`);
      return feedReply(`New calendar feed: ${what}`, "The old address no longer works; subscribers need this one.", feedUrl(base(ctx), rotated));
    },
  });
}

/** The calendar commands, in matching order (rotate and revoke before the plain request). */
export const calendarCommands: AnyCommand[] = [
  endFeed("rotate"),
  endFeed("revoke"),
  defineCommand({
    id: "plan.calendar",
    group: "Deadlines",
    summary: "Get the calendar feed URL of the deadlines (whole working party, a plan, or a delegation).",
    usage: "calendar [plan N|XX]",
    examples: ["calendar", "calendar plan 1", "calendar FR"],
    args: Args,
    handler: async (args, ctx) => {
      const wp = ctx.actor.workingParty;
      if (!placed(ctx.actor)) throw new PermissionError(`Calendar feeds of ${wp.code} are for its members. Ask the secretariat to set your delegation (delegation @you XX), then type calendar again.`);
      // A loopback link only works on the bot's own machine: fine for the console, useless (and
      // confusing) in Slack or Teams, where the feed needs the bot's public address.
      if (!ctx.deps.config.PUBLIC_URL && ctx.message.platform !== "console")
        return textReply(`Calendar feeds of ${wp.code} are not available in chat yet: the bot has no public address. Ask the secretariat.`);
      const scope = await scopeOf(ctx, args);
      const feed = await ensureFeed(ctx.deps.store.repos, wp.id, scope);
      const what = feedScopeName(scope, wp.code);
      return feedReply(
        `Calendar feed: ${what}`,
        `Subscribe to this address in Outlook, Google or Apple Calendar for the deadlines of ${what} (plan ends and adopt-by days included). Keep it to yourself: anyone with the link can read the feed.`,
        feedUrl(base(ctx), feed),
      );
    },
  }),
];
