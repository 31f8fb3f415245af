/**
 * Test data for collection tests, written with Prisma directly (the plan importer is another job's):
 * a strategy with two objectives, plan 99 with three actions led by FR (on Slack), DE (on Teams)
 * and NL (on the console), and a chair on the console.
 */
import type { Db, Member } from "../../src/store/index.ts";
import type { IncomingMessage, Platform, Role } from "../../src/core/message.ts";

export const NOW = new Date("2026-11-23T10:00:00Z");

export interface Fixture {
  wpId: number;
  planId: number;
  actions: Record<string, number>;
  members: Record<"chair" | "fr" | "de" | "nl" | "it", Member>;
}

/** Plan 99 with actions 99.1–99.3 (or `count` actions) and members on three platforms. */
export async function seedPlan(db: Db, opts: { count?: number; number?: number } = {}): Promise<Fixture> {
  const wp = await db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } });
  const doc =
    (await db.strategyDocument.findUnique({ where: { slug: "test-strategy" } })) ??
    (await db.strategyDocument.create({
      data: {
        slug: "test-strategy",
        title: "Strategy for the future of customs law enforcement cooperation (2012)",
        sourceName: "test",
        sha256: "0",
        passages: {
          create: [
            { ord: 1, label: "IV 1.a", headings: JSON.stringify(["IV Operational objectives", "Cooperation with other law enforcement authorities"]), text: "Strengthen cooperation between customs and other law enforcement authorities, including joint training." },
            { ord: 2, label: "IV 3.a.(ii)", headings: JSON.stringify(["IV Operational objectives"]), text: "Improve the exchange of information on risks through the Naples II Convention and the Customs Information System." },
          ],
        },
      },
    }));
  const member = (platform: Platform, id: string, name: string, delegation: string | null, role: Role = "delegate", directRef: string | null = null) =>
    db.member.create({ data: { workingPartyId: wp.id, platform, platformUserId: id, displayName: name, delegation, role, directRef } });
  const members = {
    chair: await member("console", "chair", "Chair", "AT", "chair"),
    fr: await member("slack", "U0FR", "Marie Dupont", "FR", "delegate", "D0FRDM"),
    de: await member("teams", "29:de-aad", "Hans Weber", "DE", "delegate", JSON.stringify({ conversation: { id: "a:de-conv" }, serviceUrl: "http://127.0.0.1:9/" })),
    nl: await member("console", "nl-lead", "Anna de Vries", "NL"),
    it: await member("console", "it-del", "Luca Rossi", "IT"),
  };
  const number = opts.number ?? 99;
  const plan = await db.actionPlan.create({
    data: { workingPartyId: wp.id, number, title: "Action plan 2026-2027", startDate: "2026-01-01", endDate: "2027-06-30", adoptNextBy: "2027-04-30", strategyId: doc.id },
  });
  const actions: Record<string, number> = {};
  const leads = ["FR", "DE", "NL"];
  const titles = ["Joint training with other law enforcement authorities", "Risk information exchange under Naples II", "Handbook on joint customs operations"];
  const objectives = [["IV 1.a"], ["IV 3.a.(ii)", "IV 1.a"], []];
  const count = opts.count ?? 3;
  for (let i = 0; i < count; i++) {
    const code = `${number}.${i + 1}`;
    const a = await db.action.create({
      data: {
        planId: plan.id,
        ord: i,
        code,
        title: titles[i % 3]!,
        leadDelegation: leads[i % 3]!,
        leadMemberId: i % 3 === 0 ? members.fr.id : null,
        objectives: { create: (objectives[i % 3] ?? []).map((label) => ({ documentSlug: "test-strategy", label })) },
      },
    });
    actions[code] = a.id;
  }
  return { wpId: wp.id, planId: plan.id, actions, members };
}

/** A message from a member as their platform's adapter would hand it in. */
export function from(m: Member, text: string, at = NOW): IncomingMessage {
  return { platform: m.platform as Platform, kind: "text", text, user: { id: m.platformUserId, name: m.displayName }, conversation: { kind: "direct", id: `dm:${m.platformUserId}` }, receivedAt: at };
}

/** A form submission from a member. */
export function submitForm(m: Member, command: string, values: Record<string, unknown>, at = NOW): IncomingMessage {
  return { platform: m.platform as Platform, kind: "form", command, values, user: { id: m.platformUserId, name: m.displayName }, conversation: { kind: "direct", id: `dm:${m.platformUserId}` }, receivedAt: at };
}

/** A button press from a member. */
export function press(m: Member, command: string, args: Record<string, unknown>, at = NOW): IncomingMessage {
  return { platform: m.platform as Platform, kind: "action", command, args, user: { id: m.platformUserId, name: m.displayName }, conversation: { kind: "direct", id: `dm:${m.platformUserId}` }, receivedAt: at };
}
