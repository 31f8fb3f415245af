/**
 * The console's strategy documents pages follow the one rule of which documents a working party
 * may read (src/knowledge/document-access.ts): a working party's list and passages show its own,
 * those shared with it and those shared with every working party, never another's own; an upload
 * under another's name is refused and changes nothing. On both stores.
 */
import { afterEach, describe, expect, it } from "vitest";
import { importDocument } from "../../../src/knowledge/import/import-document.ts";
import { knowledgeBase } from "../../../src/knowledge/knowledge-base.ts";
import { databaseKinds } from "../../support/databases.ts";
import { Visitor } from "../../support/visitor.ts";
import { startConsole, type ConsoleServer } from "../../support/web-console.ts";

const DRONES = "# CCWP note on drone surveillance\n\n## 1. Objectives\n\n1.a The CCWP will deploy quadcopter drones to watch the green border near Zbraslav.\n\n1.b Member States will share quadcopter flight logs every quarter.\n";

let c: ConsoleServer | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

async function setUp(kind: "sqlite" | "postgresql") {
  c = await startConsole(kind);
  const db = c.rt.store.db;
  const ccwp = await db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } });
  const lewp = await db.workingParty.create({ data: { code: "LEWP", name: "Law Enforcement Working Party" } });
  // Ines: secretariat of CCWP on Slack. Lea: secretariat of LEWP on Teams.
  await db.member.createMany({
    data: [
      { workingPartyId: ccwp.id, platform: "slack", platformUserId: "U0INES", displayName: "Ines", role: "secretariat" },
      { workingPartyId: lewp.id, platform: "teams", platformUserId: "29:lea", displayName: "Lea", role: "secretariat" },
    ],
  });
  const kb = await knowledgeBase(c.rt.store, c.rt.config);
  await importDocument(kb, c.rt.store, new TextEncoder().encode(DRONES), "ccwp-drones.md", {}, c.clock.now, { actor: "test", workingPartyId: ccwp.id, readers: [ccwp.id] });
  const ines = new Visitor(c.base);
  await ines.signIn(await c.link("slack", "U0INES"));
  const lea = new Visitor(c.base);
  await lea.signIn(await c.link("teams", "29:lea"));
  return { db, ccwp, lewp, ines, lea };
}

async function upload(v: Visitor, wp: string, name: string, text: string, owner: "shared" | "mine") {
  const token = await v.token(`/console/wp/${wp}/documents`);
  const form = new FormData();
  form.set("owner", owner);
  form.set("file", new Blob([text], { type: "text/markdown" }), name);
  return v.request(`/console/wp/${wp}/documents?_csrf=${encodeURIComponent(token)}`, { method: "POST", body: form });
}

describe.each(databaseKinds)("strategy documents pages on %s", (kind) => {
  it("lists and opens only the documents the working party may read", async () => {
    const { ines, lea } = await setUp(kind);
    const mine = await ines.request("/console/wp/CCWP/documents");
    expect(mine.text).toMatch(/documents\/ccwp-drones">[^<]*<\/a><\/td>(?:<td[^>]*>[^<]*<\/td>){3}<td[^>]*>CCWP only<\/td>/);
    expect((await ines.request("/console/wp/CCWP/documents/ccwp-drones")).text).toContain("deploy quadcopter drones");

    const theirs = await lea.request("/console/wp/LEWP/documents");
    expect(theirs.status).toBe(200);
    expect(theirs.text).toContain("2012-strategy"); // the corpus is shared with every working party
    expect(theirs.text).not.toContain("ccwp-drones");
    const opened = await lea.request("/console/wp/LEWP/documents/ccwp-drones");
    expect([opened.status, opened.text]).toEqual([404, expect.stringContaining("LEWP has no document ccwp-drones")]);
    expect(opened.text).not.toContain("quadcopter");
  });

  it("refuses an upload under another working party's document's name, and keeps an upload for one working party to it", async () => {
    const { db, ccwp, lewp, ines, lea } = await setUp(kind);
    const refused = await upload(lea, "LEWP", "ccwp-drones.md", DRONES.replace("Zbraslav", "Ostrava"), "shared");
    expect(refused.status).toBe(303);
    const back = await lea.request(refused.location!);
    expect(back.text).toContain("taken by another working party&#39;s document");
    expect(await db.passage.count({ where: { text: { contains: "Ostrava" } } })).toBe(0);
    expect((await db.documentAccess.findMany({ where: { document: { slug: "ccwp-drones" } } })).map((a) => a.workingPartyId)).toEqual([ccwp.id]);

    const own = await upload(lea, "LEWP", "lewp-ferrets.md", "# LEWP note on detection animals\n\n## 1. Objectives\n\n1.a Ferret teams will search parcels at the Constanta ferry terminal.\n", "mine");
    expect([own.status, own.location]).toEqual([303, "/console/wp/LEWP/documents/lewp-ferrets"]);
    expect((await db.documentAccess.findMany({ where: { document: { slug: "lewp-ferrets" } } })).map((a) => a.workingPartyId)).toEqual([lewp.id]);
    expect((await lea.request("/console/wp/LEWP/documents")).text).toMatch(/documents\/lewp-ferrets">[^<]*<\/a><\/td>(?:<td[^>]*>[^<]*<\/td>){3}<td[^>]*>LEWP only<\/td>/);
    expect((await ines.request("/console/wp/CCWP/documents")).text).not.toContain("lewp-ferrets");
    expect((await ines.request("/console/wp/CCWP/documents/lewp-ferrets")).status).toBe(404);
  });
});
