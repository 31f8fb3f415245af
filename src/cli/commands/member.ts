/**
 * `secretariat member set`: names a member's role, delegation or display name from the command
 * line, so a new deployment can appoint its first secretariat member (after that, chat commands
 * `role @user …` and `delegation @user …` do it with permission checks); `member list` shows who
 * is a member with which role.
 */
import type { Command } from "commander";
import { z } from "zod";
import { Delegation } from "../../store/index.ts";
import { PLATFORMS, ROLES } from "../../core/message.ts";
import { workingPartyOf } from "../operator.ts";
import { emit, type CliContext } from "../context.ts";
import { CliError } from "../io.ts";
import { parseOptions } from "../options.ts";

const Options = z.object({
  platform: z.enum(PLATFORMS),
  user: z.string().trim().min(1, "needs a platform user id, e.g. U0123ABCD").max(100),
  role: z.enum(ROLES).optional(),
  delegation: Delegation.optional(),
  name: z.string().trim().min(1).max(100).optional(),
  wp: z.string().trim().toUpperCase().optional(),
  json: z.boolean().optional(),
});

const ListOptions = z.object({
  wp: z.string().trim().toUpperCase().optional(),
  json: z.boolean().optional(),
});

/** A member as `member set` and `member list` print it. */
const memberOut = (wp: string, m: { platform: string; platformUserId: string; displayName: string; role: string; delegation: string | null }) => ({
  workingParty: wp,
  platform: m.platform,
  user: m.platformUserId,
  name: m.displayName,
  role: m.role,
  delegation: m.delegation,
});
const memberLine = (m: ReturnType<typeof memberOut>) => `${m.name} (${m.platform}:${m.user}) in ${m.workingParty}: ${m.role}${m.delegation ? `, ${m.delegation}` : ""}`;

export function registerMember(program: Command, ctx: CliContext): void {
  const member = program.command("member").description("manage members (people on Slack, Teams or the console)");
  member
    .command("list")
    .description("list a working party's members with their role and delegation, oldest first")
    .option("--wp <code>", "working party (default DEFAULT_WORKING_PARTY)")
    .option("--json", "print a JSON array of {workingParty, platform, user, name, role, delegation}")
    .action(async (raw: Record<string, unknown>) => {
      const o = parseOptions(ListOptions, raw);
      await ctx.withRuntime(async (rt) => {
        const wp = await workingPartyOf(rt, o.wp);
        const rows = (await rt.store.repos.members.inWorkingParty(wp.id)).map((m) => memberOut(wp.code, m));
        emit(ctx.io, Boolean(o.json), rows, () => (rows.length ? rows.map(memberLine).join("\n") : `${wp.code} has no members yet.`));
      });
    });
  member
    .command("set")
    .description("create or update a member: role, delegation, display name")
    .requiredOption("--platform <platform>", "console | slack | teams")
    .requiredOption("--user <id>", "the platform user id (Slack: U0123ABCD, from the profile's ⋮ → Copy member ID)")
    .option("--role <role>", "delegate | chair | secretariat")
    .option("--delegation <code>", "the delegation they speak for, e.g. FR")
    .option("--name <name>", "display name (Slack and Teams fill it in on first contact)")
    .option("--wp <code>", "working party (default DEFAULT_WORKING_PARTY)")
    .option("--json", "print the member as JSON")
    .addHelpText("after", "\nExample:\n  secretariat member set --platform slack --user U0123ABCD --role secretariat --delegation GSC")
    .action(async (raw: Record<string, unknown>) => {
      const o = parseOptions(Options, raw);
      await ctx.withRuntime(async (rt) => {
        const { store } = rt;
        const wp = await workingPartyOf(rt, o.wp);
        const key = { workingPartyId: wp.id, platform: o.platform, platformUserId: o.user };
        const data = { ...(o.role ? { role: o.role } : {}), ...(o.delegation ? { delegation: o.delegation } : {}), ...(o.name ? { displayName: o.name } : {}) };
        const m = await store.unitOfWork(async (uow) => {
          const row = await uow.members.save(key, o.name ?? o.user, data);
          await uow.audit.record({ workingPartyId: wp.id, actor: "cli", action: "member.set", subject: `${o.platform}:${o.user}`, detail: data, at: ctx.io.now() });
          return row;
        });
        const out = memberOut(wp.code, m);
        emit(ctx.io, Boolean(o.json), out, () => memberLine(out));
      });
    });
}
