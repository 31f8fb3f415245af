/**
 * A compiled progress report quotes an objective's passage only from a document the collection's
 * working party may read (issue 17): a plan linked to a document while it was shared stops quoting
 * it once the document belongs to another working party only. On both databases.
 */
import fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { compileCollection } from "../../../src/collection/compile/index.ts";
import { importDocument } from "../../../src/knowledge/import/import-document.ts";
import { knowledgeBase } from "../../../src/knowledge/knowledge-base.ts";
import { importPlan } from "../../../src/planning/plan-file/import-plan.ts";
import { parsePlanFile } from "../../../src/planning/plan-file/plan-file.ts";
import { databaseKinds, tempDir } from "../../support/databases.ts";
import { consoleText, testRuntime, type TestRuntime } from "../../support/runtime.ts";

const NOW = new Date("2026-11-23T10:00:00Z");
const PORTS = "Ports note\n\n1. Scan every reefer container at the Koper quay within two hours.\n\n2. Share the scan images with the other ports.\n";
const PLAN = `workingParty: CCWP
number: 12
title: Action plan 2026-2027
start: 2026-01-01
strategy: ports-note
actions:
  - code: "12.1"
    title: Reefer scanning
    lead: { delegation: FR }
    objectives: ["1"]
`;

let rt: TestRuntime | undefined;
afterEach(async () => {
  await rt?.dispose();
  rt = undefined;
});

describe.each(databaseKinds)("objective passages in a compiled report on %s", (kind) => {
  it("quotes a shared document's passage, and not once the document is another working party's own", async () => {
    rt = await testRuntime(kind);
    const lewp = await rt.store.db.workingParty.create({ data: { code: "LEWP", name: "Law Enforcement Working Party" } });
    const kb = await knowledgeBase(rt.store, rt.config);
    const put = (readers: number[]) => importDocument(kb, rt!.store, new TextEncoder().encode(PORTS), "ports-note.md", { slug: "ports-note" }, NOW, { actor: "cli", workingPartyId: null, readers });
    await put([]);
    const r = parsePlanFile(PLAN, "plan.yaml");
    if (!r.ok) throw new Error(r.errors.join());
    expect((await importPlan(rt.store, r.plan, { actor: "test", now: NOW })).warnings).toEqual([]);
    const say = (text: string, user: string, claims: { role?: "chair"; delegation?: string } = {}) => rt!.bot.handle(consoleText(text, user, claims, NOW));
    await say("whoami", "marie", { delegation: "FR" });
    await say("collect start plan 12 due 2026-12-15", "claire", { role: "chair" });
    await say("report 12.1 on track: Two scanners installed.", "marie");
    const c = await rt.store.db.collection.findFirstOrThrow({ where: { plan: { number: 12 } } });
    const markdown = async () => fs.readFileSync((await compileCollection(rt!.store, c.id, NOW, tempDir())).markdown, "utf8");
    expect(await markdown()).toContain("Scan every reefer container at the Koper quay");
    // The operator gives the note to LEWP alone: CCWP's report no longer quotes it.
    await put([lewp.id]);
    expect(await markdown()).not.toContain("reefer container at the Koper quay");
  });
});
