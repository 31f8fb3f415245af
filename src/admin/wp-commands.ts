/**
 * Working parties from chat (`wp create|list|set`) and the way into the web console (`console`).
 * The CLI's `secretariat wp …` and the console's forms call the same use cases.
 */
import { z } from "zod";
import { defineCommand } from "../core/command.ts";
import { InputError } from "../core/errors.ts";
import { reply, textReply } from "../core/reply.ts";
import { publicBaseUrl } from "../config/index.ts";
import { LINK_MINUTES, issueSignInLink } from "./console-sign-in.ts";
import { createWorkingPartyAs, listWorkingParties, summarise, updateWorkingParty } from "./working-party.ts";

const months = (n: number) => `${n} month${n === 1 ? "" : "s"}`;
const count = z.coerce.number().int();
const optionalCount = z.preprocess((v) => (v === undefined || v === "" ? undefined : v), count.optional());
/** NAME may be typed in straight or curly quotes, or bare. */
const nameOf = (g: { qname?: string; cname?: string; name?: string }) => g.qname ?? g.cname ?? g.name;

export const workingPartyCommands = [
  defineCommand({
    id: "wp.create",
    group: "Working parties",
    summary: "Create a working party (you become its secretariat).",
    usage: 'wp create CODE "NAME" [tz ZONE] [months N] [lead N]',
    examples: ['wp create LEWP "Law Enforcement Working Party"', 'wp create LEWP "Law Enforcement Working Party" tz Europe/Brussels months 18 lead 2'],
    roles: ["secretariat"],
    args: z
      .object({ code: z.string(), qname: z.string().optional(), cname: z.string().optional(), name: z.string().optional(), tz: z.string().optional(), months: optionalCount, lead: optionalCount })
      .transform((g) => ({ code: g.code, name: nameOf(g) ?? "", timeZone: g.tz, planMonths: g.months, adoptLeadMonths: g.lead })),
    handler: async (input, { actor, deps, now }) => {
      const wp = await createWorkingPartyAs(deps.store, { ...input, timeZone: input.timeZone ?? undefined }, {
        actor: actor.ref,
        now,
        creator: { platform: actor.platform, platformUserId: actor.member.platformUserId, displayName: actor.member.displayName, delegation: actor.member.delegation },
      });
      return textReply(
        `Created ${wp.code} (${wp.name}): ${wp.timeZone}, ${wp.planMonths}-month plans, next plan adopted ${months(wp.adoptLeadMonths)} before the end. You are its secretariat. In a channel of ${wp.code}, type: bind this channel to ${wp.code}`,
        "shared",
      );
    },
  }),
  defineCommand({
    id: "wp.list",
    group: "Working parties",
    summary: "List the working parties of this deployment.",
    usage: "wp list",
    examples: ["wp list", "working parties"],
    args: z.object({}),
    handler: async (_a, { deps }) => {
      const all = (await listWorkingParties(deps.store.repos)).map(summarise);
      return reply(`${all.length} working ${all.length === 1 ? "party" : "parties"}`, [
        { type: "fields", fields: all.map((w) => ({ label: w.code, value: `${w.name} · ${w.timeZone} · ${w.planMonths}-month plans · adopt ${months(w.adoptLeadMonths)} before the end` })) },
      ]);
    },
  }),
  defineCommand({
    id: "wp.set",
    group: "Working parties",
    summary: "Change a working party's name, time zone, plan length or adoption lead.",
    usage: 'wp set [CODE] [name "NAME"] [tz ZONE] [months N] [lead N]',
    examples: ["wp set tz Europe/Lisbon", 'wp set LEWP name "Law Enforcement Working Party – Customs"', "wp set LEWP months 18 lead 2"],
    roles: ["secretariat"],
    args: z
      .object({ code: z.string().optional(), qname: z.string().optional(), cname: z.string().optional(), tz: z.string().optional(), months: optionalCount, lead: optionalCount })
      .transform((g) => ({ code: g.code, name: g.qname ?? g.cname, timeZone: g.tz, planMonths: g.months, adoptLeadMonths: g.lead })),
    handler: async ({ code, ...changes }, { actor, deps, now }) => {
      const target = code?.toUpperCase() ?? actor.workingParty.code;
      // The role checked by the router is the one in this conversation's working party; another one needs its own.
      if (target !== actor.workingParty.code) {
        const role = (await deps.store.repos.members.ofPerson(actor.platform, actor.member.platformUserId)).find((m) => m.workingParty.code === target);
        if (role?.role !== "secretariat") throw new InputError(`Only the secretariat of ${target} can change its settings; nothing was changed.`);
      }
      const wp = await updateWorkingParty(deps.store, target, changes, { actor: actor.ref, now });
      return textReply(`${wp.code} (${wp.name}): ${wp.timeZone}, ${wp.planMonths}-month plans, adopt ${months(wp.adoptLeadMonths)} before the end. Plans already made keep their dates.`, "shared");
    },
  }),
  defineCommand({
    id: "wp.use",
    group: "Working parties",
    summary: "Choose which of your working parties this direct conversation is about.",
    usage: "wp use CODE",
    examples: ["wp use LEWP"],
    args: z.object({ code: z.string().trim().toUpperCase() }),
    handler: async ({ code }, { actor, uow, message, now }) => {
      if (message.conversation.kind !== "direct") throw new InputError(`In a channel, the channel's working party counts (${actor.workingParty.code}). Type wp use in a direct message to me.`);
      // The working party was resolved from the command itself, and only among the person's own.
      await uow.preferences.setDirectWorkingParty(actor.platform, actor.member.platformUserId, code);
      await uow.audit.record({ workingPartyId: actor.workingParty.id, actor: actor.ref, action: "wp.use", subject: code, at: now });
      return textReply(`From now on, in this direct conversation I act on ${code} (${actor.workingParty.name}), where you are ${actor.role}. Type wp use CODE to switch.`);
    },
  }),
  defineCommand({
    id: "console.link",
    group: "Web console",
    summary: "Get a single-use link that signs you in to the web console.",
    usage: "console",
    examples: ["console"],
    args: z.object({}),
    handler: async (_a, { actor, deps, message, now }) => {
      // The link is a credential: never posted where others read it.
      if (message.conversation.kind !== "direct") throw new InputError("Type console in a direct message to me: the link signs you in, so it is not for a channel.");
      const link = await issueSignInLink(deps.store, { platform: actor.platform, platformUserId: actor.member.platformUserId }, { base: publicBaseUrl(deps.config), now, actor: actor.ref });
      return reply("Your sign-in link to the web console", [
        { type: "text", text: `Open this link within ${LINK_MINUTES} minutes to sign in to the web console. It works once; type console again for a new one.` },
        { type: "text", text: link.url },
      ]);
    },
  }),
];
