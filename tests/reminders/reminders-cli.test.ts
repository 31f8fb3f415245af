import { describe, expect, it } from "vitest";
import { openStore } from "../../src/store/index.ts";
import { runCli } from "../support/cli.ts";
import { databaseKinds, seededDatabase, type DatabaseKind } from "../support/databases.ts";
import { createPlan } from "../support/plans.ts";

async function databaseWithPlan(kind: DatabaseKind) {
  const { url } = await seededDatabase(kind);
  const s = await openStore(url);
  await createPlan(s.db, { number: 7, actions: [{ code: "7.1", due: "2026-06-30", text: "June 2026", lead: "FR" }] });
  await s.close();
  return { DATABASE_URL: url };
}

describe.each(databaseKinds)("secretariat reminders (%s)", (kind) => {
  it("tick delivers what is due with its key, and the same tick again delivers nothing", async () => {
    const env = await databaseWithPlan(kind);
    const first = await runCli(["reminders", "tick", "--now", "2026-06-16T09:00:00+02:00", "--json"], { env });
    expect(first.stderr).toBe("");
    const delivered = JSON.parse(first.stdout) as { key: string; to: string; text: string; kind: string; late: boolean }[];
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ to: "#ccwp", kind: "reminder", late: false });
    expect(delivered[0]!.key).toMatch(/^digest:/);
    expect(delivered[0]!.text).toMatch(/7\.1 — Action 7\.1[\s\S]*due in 14 days: 30 June 2026 \("June 2026"\)/);
    const again = await runCli(["reminders", "tick", "--now", "2026-06-16T09:00:00+02:00", "--json"], { env });
    expect(JSON.parse(again.stdout)).toEqual([]);
  });

  it("tick also prints the deliveries that did not go out, with why", async () => {
    const env = await databaseWithPlan(kind);
    const s = await openStore(env.DATABASE_URL);
    const wp = await s.db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } });
    await s.db.channelBinding.create({ data: { workingPartyId: wp.id, platform: "slack", channelId: "C-UNREACHED", name: "#delegates", purpose: "reminders" } });
    await s.close();
    const r = await runCli(["reminders", "tick", "--now", "2026-06-16T09:00:00+02:00", "--json"], { env });
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout) as { to: string; outcome: string; error?: string }[];
    expect(out.map((d) => [d.to, d.outcome])).toEqual([
      ["#ccwp", "sent"],
      ["C-UNREACHED", "waiting"],
    ]);
    expect(out[1]!.error).toMatch(/slack/i);
    const text = await runCli(["reminders", "tick", "--now", "2026-06-16T09:01:00+02:00"], { env });
    expect(text.stdout).toMatch(/C-UNREACHED[^\n]*waiting/);
  });

  it("rules --json prints the rules as data", async () => {
    const env = await databaseWithPlan(kind);
    const r = await runCli(["reminders", "rules", "--json"], { env });
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout) as { workingParty: string; timeZone: string; reminderTime: string; rules: Record<string, unknown>[]; holidays: string[] };
    expect(data).toMatchObject({ workingParty: "CCWP", timeZone: "Europe/Brussels", reminderTime: "09:00", holidays: [] });
    expect(data.rules[0]).toMatchObject({ kind: "before", offsetDays: 14, repeatDays: null, time: "09:00", workingDaysOnly: true, channels: [], text: "14 days before, at 09:00" });
    expect(data.rules.map((x) => x.kind)).toEqual(["before", "before", "on", "after", "escalate"]);
    expect(JSON.stringify(data)).not.toMatch(/"blocks"/);
  });

  it("list shows what is planned and what was sent", async () => {
    const env = await databaseWithPlan(kind);
    await runCli(["reminders", "tick", "--now", "2026-06-16T09:00:00+02:00"], { env });
    const r = await runCli(["reminders", "list", "--from", "2026-06-01", "--until", "2026-07-02", "--json"], { env });
    const { planned, sent } = JSON.parse(r.stdout) as { planned: { at: string; action: string; rule: string }[]; sent: { status: string }[] };
    expect(planned.map((p) => [p.at, p.action])).toEqual([
      ["2026-06-16T07:00:00.000Z", "7.1"],
      ["2026-06-26T07:00:00.000Z", "7.1"],
      ["2026-06-30T07:00:00.000Z", "7.1"],
      ["2026-07-01T07:00:00.000Z", "7.1"],
    ]);
    expect(sent.map((s) => s.status)).toEqual(["sent"]);
  });

  it("adds and removes rules from the CLI through the same checks as chat", async () => {
    const env = await databaseWithPlan(kind);
    const add = await runCli(["reminders", "add", "--kind", "before", "--days", "7", "--time", "08:30"], { env });
    expect(add.code).toBe(0);
    expect(add.stdout).toMatch(/Added reminder rule #(\d+): 7 days before, at 08:30/);
    const id = /#(\d+)/.exec(add.stdout)![1]!;
    const rules = await runCli(["reminders", "rules"], { env });
    expect(rules.stdout).toMatch(/7 days before, at 08:30/);
    expect((await runCli(["reminders", "remove", id], { env })).stdout).toMatch(new RegExp(`Removed reminder rule #${id}`));
    const bad = await runCli(["reminders", "add", "--kind", "before", "--days", "7", "--time", "25:00"], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toMatch(/a time such as 09:00/);
  });

  it.each([
    [["reminders", "tick"], /required option '--now <iso>'/],
    [["reminders", "tick", "--now", "yesterday"], /--now: an ISO date-time/],
    [["reminders", "list", "--from", "2026-02-30"], /--from: 2026-02-30 is not a calendar day \(February 2026 has 28 days\)/],
    [["reminders", "list", "--wp", "NOPE"], /There is no working party NOPE; the working parties are CCWP/],
    // called by id, so a bad option is a usage error, never a question for the documents
    [["reminders", "holiday", "delete", "2026-12-24"], /one of add or remove, not "delete"\. Usage: secretariat reminders holiday add\|remove/],
    [["reminders", "add", "--kind", "sideways", "--days", "3"], /--kind: .*Usage: secretariat reminders add/],
    [["reminders", "add"], /--kind: missing\. Usage: secretariat reminders add/],
  ])("refuses %j with one line", async (args, message) => {
    const r = await runCli(args as string[], { env: { DATABASE_URL: (await seededDatabase(kind)).url } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message as RegExp);
  });
});
