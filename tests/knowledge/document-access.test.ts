/**
 * Which documents a working party may read (issue 17): a delegate of one working party never gets
 * a quotation from a document that belongs to another only, and gets those shared with theirs or
 * with every working party, in chat (Slack and Teams members), on `secretariat ask --wp` and after
 * the readers change. Two working parties in one database, on both stores.
 */
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Platform } from "../../src/core/message.ts";
import { replyToPlainText } from "../../src/core/reply.ts";
import { BUNDLED_DOCUMENTS, CORPUS_DIR } from "../../src/knowledge/corpus.ts";
import { checkReplace, mayRead } from "../../src/knowledge/document-access.ts";
import { importDocument } from "../../src/knowledge/import/import-document.ts";
import { knowledgeBase } from "../../src/knowledge/knowledge-base.ts";
import { runCli } from "../support/cli.ts";
import { databaseKinds } from "../support/databases.ts";
import { testRuntime, type TestRuntime } from "../support/runtime.ts";

const at = new Date("2026-06-10T08:00:00Z");

describe("mayRead", () => {
  it.each([
    [[], 1, true, "a document naming no working party is shared with every one"],
    [[1], 1, true, "its own"],
    [[1], 2, false, "another's own"],
    [[1, 2], 2, true, "shared with it among others"],
    [[1, 3], 2, false, "shared with others only"],
    [[1], "every", true, "the operator reads everything"],
  ] as const)("readers %j, reader %j → %s (%s)", (readers, reader, expected, _why) => {
    expect(mayRead(readers, reader)).toBe(expected);
  });
});

describe("checkReplace", () => {
  it.each([
    ["a new document", null, [2], 2, null],
    ["the operator replacing anything", [1], [], null, null],
    ["its own, kept for itself", [2], [2], 2, null],
    ["its own, now shared with every one", [2], [], 2, null],
    ["a shared one, keeping its readers", [], undefined, 2, null],
    ["another's own under the same name", [1], [], 2, /taken by another working party's document/],
    ["a shared one narrowed to itself", [], [2], 2, /also read by other working parties/],
    ["one shared with another, narrowed to itself", [1, 2], [2], 2, /also read by other working parties/],
  ] as const)("%s", (_what, existing, wanted, importer, refusal) => {
    const run = () => checkReplace("doc", existing, wanted, importer);
    if (refusal) expect(run).toThrow(refusal);
    else expect(run).not.toThrow();
  });
});

// A document of CCWP's own, and one LEWP shares with a third working party (ENFO).
const DRONES = "# CCWP note on drone surveillance\n\n## 1. Objectives\n\n1.a The CCWP will deploy quadcopter drones to watch the green border near Zbraslav.\n\n1.b Member States will share quadcopter flight logs through the Zbraslav hub every quarter.\n";
const FERRETS = "# LEWP and ENFO note on detection animals\n\n## 1. Objectives\n\n1.a Ferret teams will search parcels at the Constanta ferry terminal.\n\n1.b The ferret handlers will train together every spring.\n";

let rt: TestRuntime | undefined;
afterEach(async () => {
  await rt?.dispose();
  rt = undefined;
});

async function twoWorkingParties(kind: "sqlite" | "postgresql") {
  rt = await testRuntime(kind);
  const db = rt.store.db;
  const ccwp = await db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } });
  const lewp = await db.workingParty.create({ data: { code: "LEWP", name: "Law Enforcement Working Party" } });
  const enfo = await db.workingParty.create({ data: { code: "ENFO", name: "Enforcement Working Party" } });
  // Ines: Slack, secretariat of CCWP. Tom: Teams, delegate of LEWP; Lea, its secretariat.
  await db.member.createMany({
    data: [
      { workingPartyId: ccwp.id, platform: "slack", platformUserId: "U0INES", displayName: "Ines", role: "secretariat" },
      { workingPartyId: lewp.id, platform: "teams", platformUserId: "29:tom", displayName: "Tom", role: "delegate", delegation: "NL" },
      { workingPartyId: lewp.id, platform: "teams", platformUserId: "29:lea", displayName: "Lea", role: "secretariat" },
    ],
  });
  const kb = await knowledgeBase(rt.store, rt.config);
  const put = (text: string, slug: string, readers: number[], workingPartyId: number | null = null) =>
    importDocument(kb, rt!.store, new TextEncoder().encode(text), `${slug}.md`, { slug }, at, { actor: "test", workingPartyId, readers });
  await put(DRONES, "ccwp-drones", [ccwp.id]);
  await put(FERRETS, "lewp-ferrets", [lewp.id, enfo.id]);
  return { db, ccwp, lewp, enfo, put };
}

async function ask(platform: Platform, user: string, text: string, file?: { name: string; text: string }): Promise<string> {
  const bytes = file && new TextEncoder().encode(file.text);
  const attachments = file ? [{ name: file.name, size: bytes!.length, fetch: async () => bytes! }] : undefined;
  const result = await rt!.bot.handle({ platform, kind: "text", text, ...(attachments ? { attachments } : {}), user: { id: user, name: user }, conversation: { kind: "direct", id: `dm:${user}` }, receivedAt: at });
  return result.replies.map(replyToPlainText).join("\n");
}

describe.each(databaseKinds)("answers per working party on %s", (kind) => {
  it("never quotes another working party's own document, in chat on Slack and Teams", async () => {
    await twoWorkingParties(kind);
    // Tom (LEWP, Teams): CCWP's own note is not his to read, by its words or by its label.
    const drones = await ask("teams", "29:tom", "which strategy talks about quadcopter drones at Zbraslav?");
    expect(drones).not.toMatch(/ccwp-drones|green border|flight logs/);
    expect(await ask("teams", "29:tom", "what does 1.a of ccwp-drones say?")).not.toMatch(/ccwp-drones|green border/);
    // ...but the note LEWP shares with ENFO, and the corpus shared with every working party, are.
    expect(await ask("teams", "29:tom", "ferret teams at the Constanta ferry terminal")).toContain("Ferret teams will search parcels at the Constanta ferry terminal");
    expect(await ask("teams", "29:tom", "what does 3.a(ii) of the 2012 strategy say?")).toContain("2012-strategy");
    // Ines (CCWP, Slack): her own note, not LEWP's and ENFO's.
    expect(await ask("slack", "U0INES", "which strategy talks about quadcopter drones at Zbraslav?")).toContain("deploy quadcopter drones to watch the green border near Zbraslav");
    expect(await ask("slack", "U0INES", "ferret teams at the Constanta ferry terminal")).not.toMatch(/lewp-ferrets|Ferret teams will search/);
  });

  it("answers `secretariat ask --wp CODE` as that working party, the default one without it", async () => {
    await twoWorkingParties(kind);
    const env = { DATABASE_URL: rt!.database.url };
    const sources = async (...args: string[]) => {
      const r = await runCli(["ask", "--json", ...args], { env });
      expect(r.code).toBe(0);
      return (JSON.parse(r.stdout) as { sources: { document: string }[] }).sources.map((s) => s.document);
    };
    const q = "quadcopter drones at the green border near Zbraslav";
    expect(await sources("--wp", "LEWP", q)).not.toContain("ccwp-drones");
    expect((await sources("--wp", "CCWP", q))[0]).toBe("ccwp-drones");
    expect((await sources(q))[0]).toBe("ccwp-drones"); // DEFAULT_WORKING_PARTY is CCWP
    expect((await sources("--wp", "ENFO", "ferret teams at the Constanta ferry terminal"))[0]).toBe("lewp-ferrets");
    const unknown = await runCli(["ask", "--wp", "NOPE", q], { env });
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining("There is no working party NOPE")]);
  });

  it("follows a change of readers at once, and refuses an import that would take a document away", async () => {
    const { db, ccwp, lewp, put } = await twoWorkingParties(kind);
    const q = "quadcopter drones at the green border near Zbraslav";
    expect(await ask("teams", "29:tom", q)).not.toContain("deploy quadcopter drones");
    // LEWP's secretariat may neither overwrite CCWP's own note nor make the shared corpus its own.
    await expect(put(DRONES.replace("Zbraslav", "Ostrava"), "ccwp-drones", [], lewp.id)).rejects.toThrow(/taken by another working party's document/);
    const corpus = fs.readFileSync(path.join(CORPUS_DIR, BUNDLED_DOCUMENTS["2012-strategy"]!), "utf8");
    await expect(put(corpus, "2012-strategy", [lewp.id], lewp.id)).rejects.toThrow(/also read by other working parties/);
    expect(await db.passage.count({ where: { text: { contains: "Ostrava" } } })).toBe(0);
    expect(await db.documentAccess.count({ where: { document: { slug: "2012-strategy" } } })).toBe(0);
    // CCWP shares its note with LEWP: Tom reads it on his next question (the index follows the readers).
    await put(DRONES, "ccwp-drones", [ccwp.id, lewp.id], ccwp.id);
    expect(await ask("teams", "29:tom", q)).toContain("deploy quadcopter drones to watch the green border near Zbraslav");
    const entry = await db.auditEntry.findFirstOrThrow({ where: { action: "document.import", subject: "ccwp-drones", workingPartyId: ccwp.id } });
    expect(JSON.parse(entry.detail)).toMatchObject({ replaced: true, readers: [ccwp.id, lewp.id].sort((a, b) => a - b) });
  });

  it("imports an attached document in chat for the working party only, or for everyone, as its secretariat says", async () => {
    const { db, lewp } = await twoWorkingParties(kind);
    const file = { name: "lewp-dogs.md", text: "# LEWP note on sniffer dogs\n\n## 1. Objectives\n\n1.a Beagle units will check luggage at the Gdynia ferry quay.\n" };
    expect(await ask("teams", "29:lea", "import this for us only", file)).toMatch(/Who may read it: LEWP only/);
    const readers = async () => (await db.documentAccess.findMany({ where: { document: { slug: "lewp-dogs" } } })).map((a) => a.workingPartyId);
    expect(await readers()).toEqual([lewp.id]);
    const q = "beagle units checking luggage at the Gdynia ferry quay";
    expect(await ask("slack", "U0INES", q)).not.toContain("Beagle units will check luggage");
    expect(await ask("teams", "29:tom", q)).toContain("Beagle units will check luggage");
    // CCWP's secretariat cannot take LEWP's name; a re-import by LEWP keeps it LEWP's until shared.
    expect(await ask("slack", "U0INES", "import this", file)).toMatch(/taken by another working party's document.*Nothing was imported/);
    expect(await ask("teams", "29:lea", "import this", file)).toMatch(/Replaced lewp-dogs[\s\S]*Who may read it: LEWP only/);
    expect(await ask("teams", "29:lea", "import this for everyone", file)).toMatch(/Who may read it: every working party/);
    expect(await readers()).toEqual([]);
    expect(await ask("slack", "U0INES", q)).toContain("Beagle units will check luggage");
  });
});
