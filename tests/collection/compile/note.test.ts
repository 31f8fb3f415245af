/**
 * The compiled progress note as delegations read it (issue 14 item 16): objective headings without
 * the source's trailing punctuation, one clean source line, counts and wording true to who was
 * asked, reports the secretariat entered marked as such, a document number and classification
 * line, and each action's table kept on one page. Drives the bundled 2012 strategy's real
 * objectives through the chat, on both databases.
 */
import AdmZip from "adm-zip";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileCollection } from "../../../src/collection/compile/index.ts";
import { replyToPlainText } from "../../../src/core/reply.ts";
import { importPlan } from "../../../src/planning/plan-file/import-plan.ts";
import { parsePlanFile } from "../../../src/planning/plan-file/plan-file.ts";
import { databaseKinds, tempDir } from "../../support/databases.ts";
import { consoleText, testRuntime, type TestRuntime } from "../../support/runtime.ts";

const NOW = new Date("2026-11-23T10:00:00Z");
const PLAN = `workingParty: CCWP
number: 12
title: Action plan 2026-2027
start: 2026-01-01
strategy: 2012-strategy
actions:
  - code: "12.1"
    title: Joint training with other law enforcement authorities
    lead: { delegation: FR }
    objectives: ["IV 1.a"]
  - code: "12.2"
    title: Risk analysis coordination with third countries
    lead: { delegation: DE }
    objectives: ["IV 3.a.(ii)"]
`;
const ONE = `workingParty: CCWP
number: 13
title: Action plan 2027-2028
start: 2027-07-01
actions:
  - code: "13.1"
    title: Container control study
    lead: { delegation: IT }
`;

/** The paragraphs of a .docx, with their style and whether they are kept with the next one. */
function paragraphs(file: string): { style: string | null; text: string }[] {
  const xml = new AdmZip(file).readAsText("word/document.xml");
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(m[0])?.[1] ?? null,
    text: m[0].replace(/<[^>]+>/g, "").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">"),
  }));
}

/** The tables of the body that follow an "Action X: …" heading. */
function actionTables(file: string): string[] {
  const xml = new AdmZip(file).readAsText("word/document.xml");
  return [...xml.matchAll(/<w:t[^>]*>Action \d+\.\d+: [^<]*<\/w:t>[\s\S]*?(<w:tbl>[\s\S]*?<\/w:tbl>)/g)].map((m) => m[1]!);
}

describe.each(databaseKinds)("the compiled progress note on %s", (kind) => {
  let rt: TestRuntime;
  let startedUnasked = "";
  const say = (text: string, user: string, claims: { role?: "chair" | "secretariat"; delegation?: string } = {}) => rt.bot.handle(consoleText(text, user, claims, NOW));
  beforeAll(async () => {
    rt = await testRuntime(kind);
    for (const text of [PLAN, ONE]) {
      const r = parsePlanFile(text, "plan.yaml");
      if (!r.ok) throw new Error(r.errors.join());
      await importPlan(rt.store, r.plan, { actor: "test", now: NOW });
    }
    await say("whoami", "marie", { delegation: "FR" }); // FR has a member, DE none: only 12.1's lead can be asked
    await say("collect start plan 12 due 2026-12-15", "claire", { role: "chair" });
    await say("report 12.1 on track: Two joint trainings held. next: A third in March. risks: Budgets", "marie");
    await say("report 12.2 delayed: The study is late; received from DE by e-mail.", "sam", { role: "secretariat" });
    startedUnasked = (await say("collect start plan 13 due 2027-12-15", "claire", { role: "chair" })).replies.map(replyToPlainText).join("\n");
  });
  afterAll(() => rt.dispose());

  const compiled = async (plan: number, options = {}) => {
    const c = await rt.store.db.collection.findFirstOrThrow({ where: { plan: { number: plan } } });
    return compileCollection(rt.store, c.id, NOW, tempDir(), options);
  };

  it("heads each objective with its words, without the source's trailing ';' or ': and'", async () => {
    const out = await compiled(12);
    const headings = paragraphs(out.docx).filter((p) => p.style === "Heading1").map((p) => p.text);
    expect(headings).toContain("Objective IV 3.a.(ii): Establish a Risk Analysis Coordination Mechanism in co-operation with other law enforcement authorities");
    for (const h of headings) expect(h).not.toMatch(/[;:,]$|\band$/);
    expect(fs.readFileSync(out.markdown, "utf8")).toContain("## Objective IV 3.a.(ii) — Establish a Risk Analysis Coordination Mechanism in co-operation with other law enforcement authorities\n");
  });

  it("names the source once, cleanly: document, label, then where it stands", async () => {
    const out = await compiled(12);
    const sources = paragraphs(out.docx).filter((p) => p.text.startsWith("Source: "));
    expect(sources.map((s) => s.text)).toContain(
      "Source: Draft Strategy for the future customs law enforcement co-operation, IV 3.a.(ii) (IV. Aims of the strategy › 3. Information management and exchange › a. With a view to further develop and complement existing risk analysis and threat assessments)",
    );
    for (const s of sources) {
      expect(s.text).not.toMatch(/[:;], /);
      expect(s.text.split("Draft Strategy for the future customs law enforcement co-operation")).toHaveLength(2);
    }
  });

  it("marks a report the secretariat entered for a delegation", async () => {
    const out = await compiled(12);
    const text = paragraphs(out.docx).map((p) => p.text).join("\n");
    expect(text).toMatch(/Action 12\.2: Risk analysis coordination[\s\S]*Entered by the secretariat \(sam\) for DE/);
    expect(text).not.toMatch(/Action 12\.1:[\s\S]*Entered by[\s\S]*Action 12\.2/);
    expect(fs.readFileSync(out.markdown, "utf8")).toContain("- **Reported by:** Entered by the secretariat (sam) for DE");
  });

  it("says how many leads were asked, and who was not", async () => {
    const out = await compiled(12);
    const text = paragraphs(out.docx).map((p) => p.text).join("\n");
    expect(text).toContain("Reports received: 2 of 2 actions, 1 entered by the secretariat (collection still open)");
    expect(text).toContain("The lead of 1 of the 2 actions of action plan 12 was asked to report on progress by 15 December 2026; for the other, no member of the lead delegation was known to the bot.");
  });

  it("does not say leads were asked when nobody was, and counts one action as one", async () => {
    const out = await compiled(13);
    const text = paragraphs(out.docx).map((p) => p.text).join("\n");
    expect(text).toContain("Reports received: 0 of 1 action (collection still open)");
    expect(text).toContain("No lead was asked through the bot: no member of the lead delegation was known to it.");
    expect(text).not.toMatch(/were asked|was asked to report/);
    expect(fs.readFileSync(out.markdown, "utf8")).toContain("No lead was asked through the bot");
  });

  it("tells the chair in chat that no lead could be asked, not that 0 leads were asked for 0 actions", () => {
    expect(startedUnasked).toMatch(/^Collection started: 1 action, reports due 15 December 2027\. I could ask no lead directly\.\nNo member is known yet for 13\.1 \(lead IT\)/);
    expect(startedUnasked).not.toMatch(/\b0 (leads?|actions?)\b/);
  });

  it("carries a document number and a classification line, by default and as given", async () => {
    const c = await rt.store.db.collection.findFirstOrThrow({ where: { plan: { number: 12 } } });
    const byDefault = paragraphs((await compiled(12)).docx).map((p) => p.text);
    expect(byDefault.slice(0, 4)).toEqual(expect.arrayContaining(["LIMITE", `CCWP/AP12/PR${c.id}`]));
    const given = await compiled(12, { number: "15198/26", classification: "PUBLIC" });
    const text = paragraphs(given.docx).map((p) => p.text);
    expect(text.slice(0, 4)).toEqual(expect.arrayContaining(["PUBLIC", "15198/26"]));
    const md = fs.readFileSync(given.markdown, "utf8");
    expect(md).toContain("| Document: | 15198/26 |");
    expect(md).toContain("| Classification: | PUBLIC |");
  });

  it("keeps each action's table on one page: rows never split and every row kept with the next", async () => {
    const tables = actionTables((await compiled(12)).docx);
    expect(tables).toHaveLength(2);
    for (const t of tables) {
      const rows = [...t.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
      expect(rows.length).toBeGreaterThan(3);
      for (const r of rows) expect(r).toContain("<w:cantSplit/>");
      for (const r of rows.slice(0, -1)) for (const p of r.match(/<w:p[ >][\s\S]*?<\/w:p>/g)!) expect(p).toContain("<w:keepNext/>");
    }
  });
});
