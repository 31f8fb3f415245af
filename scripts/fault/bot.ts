/**
 * One copy of the bot for the fault script: the production runtime on DATABASE_URL and the Slack
 * messenger as `start` wires it (SLACK_BOT_TOKEN, SLACK_API_URL pointing at the stand-in process),
 * or with FAULT_PLATFORM=teams the Teams messenger on the Agents SDK as the Teams mount builds it,
 * in local mode (no app id: loopback connectors only), channels reached at FAULT_TEAMS_SERVICE_URL.
 * It takes one JSON command per stdin line and answers one JSON line per command, so a scenario
 * drives many ticks through one process and kills it only where the scenario says so:
 *   {"op":"tick","now":ISO}        one scheduler tick at that instant; answers the open deliveries left
 *   {"op":"import","text":YAML}    `import plan` of a plan file (the use case the CLI and chat call)
 *   {"op":"setup","channels":[...]} reminders go to these channels, from the rule "14 days before" only
 *   {"op":"rule", ...fields}       a reminder rule row written as an older version may have left it
 * FAULT_LEASE_MS shortens the lease (default 120 s) so a kill's lease runs out within the run.
 */
import readline from "node:readline";
import { slackMount } from "../../adapters/slack/index.ts";
import { createTeamsAdapter } from "../../adapters/teams/agents-sdk.ts";
import { FileLinks } from "../../adapters/teams/attachments.ts";
import { storeDirectory } from "../../adapters/teams/directory.ts";
import { TeamsMessenger } from "../../adapters/teams/messenger.ts";
import type { Messenger } from "../../src/core/messenger.ts";
import { loadConfig } from "../../src/config/index.ts";
import { createLogger } from "../../src/log/logger.ts";
import { Dispatcher } from "../../src/outbox/dispatcher.ts";
import { importPlan } from "../../src/planning/plan-file/import-plan.ts";
import { parsePlanFile } from "../../src/planning/plan-file/plan-file.ts";
import { reminderPlanner } from "../../src/reminders/reminder-planner.ts";
import { runTick } from "../../src/scheduler/tick.ts";
import { openRuntime } from "../../src/runtime/open-runtime.ts";

const rt = await openRuntime(loadConfig(), createLogger("silent"));
const teamsServiceUrl = process.env.FAULT_TEAMS_SERVICE_URL;
const platform = process.env.FAULT_PLATFORM === "teams" ? "teams" : "slack";

async function messenger(): Promise<Messenger> {
  if (platform === "teams") {
    const adapter = createTeamsAdapter(rt.config);
    return new TeamsMessenger({ adapter, appId: "", directory: storeDirectory(rt.store), links: new FileLinks("fault-secret", undefined), logger: rt.logger });
  }
  const slack = await slackMount.messenger!(rt);
  if (!slack) throw new Error("fault bot: SLACK_BOT_TOKEN is not set");
  return slack;
}

/** A Teams channel's stored conversation reference, as the bot keeps it after being added to the team. */
const teamsReference = (conversationId: string) => ({
  channelId: "msteams",
  serviceUrl: teamsServiceUrl,
  agent: { id: "28:fault-bot", name: "secretariat" },
  conversation: { id: conversationId, conversationType: "channel", isGroup: true, tenantId: "fault-tenant" },
});

const leaseMs = process.env.FAULT_LEASE_MS ? Number(process.env.FAULT_LEASE_MS) : undefined;
const dispatcher = new Dispatcher(rt.store, [await messenger()], rt.logger, leaseMs ? { leaseMs } : {});
const say = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);

async function run(cmd: Record<string, unknown>): Promise<unknown> {
  const db = rt.store.db;
  switch (cmd.op) {
    case "tick": {
      const { results } = await runTick({ store: rt.store, logger: rt.logger }, dispatcher, new Date(String(cmd.now)), [reminderPlanner]);
      // "sending" too: a killed copy's rows wait for their lease to run out, they are not settled.
      const open = await db.delivery.count({ where: { kind: { in: ["reminder", "escalation"] }, status: { in: ["pending", "sending"] } } });
      const outcomes: Record<string, number> = {};
      for (const r of results) outcomes[`${r.delivery.kind}:${r.outcome}`] = (outcomes[`${r.delivery.kind}:${r.outcome}`] ?? 0) + 1;
      return { open, outcomes };
    }
    case "import": {
      const parsed = parsePlanFile(String(cmd.text), "fault-plan.yaml");
      if (!parsed.ok) throw new Error(parsed.errors.join("; "));
      const s = await importPlan(db, parsed.plan, { actor: "fault", now: new Date(String(cmd.now ?? "2030-01-01T00:00:00Z")) });
      return { deadlines: s.deadlines };
    }
    case "setup": {
      // Reminders reach these channels only, from the one rule "14 days before".
      const wp = await db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } });
      await db.channelBinding.deleteMany({ where: { workingPartyId: wp.id, purpose: "reminders" } });
      for (const c of cmd.channels as string[]) await db.channelBinding.create({ data: { workingPartyId: wp.id, platform, channelId: c, name: `#${c}`, purpose: "reminders", ...(platform === "teams" ? { conversationRef: JSON.stringify(teamsReference(c)) } : {}) } });
      await db.reminderRule.updateMany({ where: { workingPartyId: wp.id, NOT: { kind: "before", offsetDays: 14 } }, data: { enabled: false } });
      return {};
    }
    case "rule": {
      const wp = await db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } });
      await db.reminderRule.create({ data: { workingPartyId: wp.id, kind: String(cmd.kind), offsetDays: Number(cmd.offsetDays) } });
      return {};
    }
    case "exit":
      await rt.close();
      process.exit(0);
  }
  throw new Error(`fault bot: unknown op ${String(cmd.op)}`);
}

say({ ready: true });
for await (const line of readline.createInterface({ input: process.stdin })) {
  try {
    say({ ok: true, ...((await run(JSON.parse(line) as Record<string, unknown>)) as object) });
  } catch (e) {
    say({ ok: false, error: String((e as Error)?.stack ?? e) });
  }
}
