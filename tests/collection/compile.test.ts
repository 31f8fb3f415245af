import AdmZip from "adm-zip";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/reply.ts";
import { compileCollection } from "../../src/collection/compile/index.ts";
import { tempDir } from "../support/databases.ts";
import { testRuntime, type TestRuntime } from "../support/runtime.ts";
import { from, NOW, seedPlan, type Fixture } from "./fixtures.ts";

/** The visible text of a .docx: word/document.xml with the markup removed, paragraph by paragraph. */
function docxText(file: string): string {
  const xml = new AdmZip(file).readAsText("word/document.xml");
  return xml
    .replace(/<\/w:p>/g, "\n")
    .replace(/<w:tab\/>/g, "\t")
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");
}

let rt: TestRuntime;
let f: Fixture;
let chatReply: Reply;
beforeAll(async () => {
  rt = await testRuntime();
  f = await seedPlan(rt.store.db, { count: 5 });
  const say = (m: keyof Fixture["members"], t: string) => rt.bot.handle(from(f.members[m], t, NOW));
  await say("chair", "collect start plan 99 due 2026-12-15");
  await say("fr", "report 99.1 on track: Two joint trainings held in Lyon & Lille <b>. next: A third session in March. risks: Travel budgets");
  await say("de", "report 99.2 delayed: The Commission's study is late.");
  await say("fr", "report 99.4 completed: Curriculum published.");
  await say("nl", "report 99.3 not started: Drafting starts in 2027.");
  chatReply = (await say("chair", "collect compile")).replies[0]!;
});
afterAll(() => rt.dispose());

describe("compiled progress report", () => {
  it("sends the .docx and Markdown as files in chat, beside the database", () => {
    const files = chatReply.blocks.filter((b) => b.type === "file");
    expect(files.map((b) => b.type === "file" && b.file.name)).toEqual(["CCWP-plan-99-progress-report-2026-11-23.docx", "CCWP-plan-99-progress-report-2026-11-23.md"]);
    for (const b of files) if (b.type === "file") expect(fs.existsSync(b.file.path)).toBe(true);
    const dbDir = rt.database.url.replace(/^file:/, "").replace(/\/[^/]+$/, "");
    expect(files[0]?.type === "file" && files[0].file.path).toBe(`${dbDir}/reports/CCWP-plan-99-progress-report-2026-11-23.docx`);
  });

  it("writes a cover like a Council note, the objectives in strategy order and each action's report", async () => {
    const out = await compileCollection(rt.store, 1, NOW, tempDir());
    const text = docxText(out.docx);
    for (const s of [
      "Brussels, 23 November 2026",
      "NOTE",
      "Secretariat of the CCWP",
      "Action plan 99 (Action plan 2026-2027): progress report on the actions",
      "1 January 2026 – 30 June 2027",
      "4 of 5 actions",
    ])
      expect(text).toContain(s);
    const iv1a = text.indexOf("Objective IV 1.a: Strengthen cooperation between customs and other law enforcement authorities");
    const iv3a = text.indexOf("Objective IV 3.a.(ii): Improve the exchange of information on risks");
    const unlinked = text.indexOf("Actions not linked to a strategy objective");
    const none = text.indexOf("Actions with no report received");
    expect(iv1a).toBeGreaterThan(0);
    expect(iv1a).toBeLessThan(iv3a);
    expect(iv3a).toBeLessThan(unlinked);
    expect(unlinked).toBeLessThan(none);
    // 99.1 and 99.4 implement IV 1.a; 99.2 is grouped under its first objective, IV 3.a.(ii)
    const a1 = text.indexOf("Action 99.1: Joint training");
    const a4 = text.indexOf("Action 99.4: Joint training");
    const a2 = text.indexOf("Action 99.2: Risk information exchange");
    expect(iv1a < a1 && a1 < a4 && a4 < iv3a && iv3a < a2).toBe(true);
    expect(text).toContain("Two joint trainings held in Lyon & Lille <b>.");
    expect(text).toContain("A third session in March.");
    expect(text).toContain("Travel budgets");
    expect(text).toContain("FR (Marie Dupont)");
    expect(text.slice(unlinked, none)).toContain("Action 99.3: Handbook on joint customs operations");
    expect(text.slice(unlinked, none)).toContain("Not started");
    // the action without a report is listed last, with its lead
    expect(text.slice(none)).toContain("99.5");
    expect(text.slice(none)).toContain("Risk information exchange under Naples II");
    expect(text.slice(none)).toContain("DE");
    expect(text.slice(none)).not.toContain("99.1");
  });

  it("writes the same content as Markdown, escaping what leads typed", async () => {
    const out = await compileCollection(rt.store, 1, NOW, tempDir());
    const md = fs.readFileSync(out.markdown, "utf8");
    expect(md).toMatch(/^\*\*LIMITE\*\*\n\n# Law Enforcement Working Party – Customs .*\(CCWP\)\n\n\*\*NOTE\*\*/);
    expect(md).toContain("| 99.5 | Risk information exchange under Naples II | DE | No report |");
    expect(md).toContain("| 99.3 | Handbook on joint customs operations | NL | Not started |");
    expect(md).toContain("## Objective IV 1.a — Strengthen cooperation");
    expect(md).toContain("### Action 99.1: Joint training with other law enforcement authorities");
    expect(md).toContain("- **Status:** Delayed");
    expect(md).toContain("**Summary.** Two joint trainings held in Lyon & Lille \\<b\\>.");
    expect(md.indexOf("## Objective IV 1.a")).toBeLessThan(md.indexOf("## Objective IV 3.a.(ii)"));
    const noneSection = md.slice(md.indexOf("## Actions with no report received"));
    expect(noneSection).toContain("| 99.5 | Risk information exchange under Naples II | DE |");
    expect(noneSection).not.toContain("99.3");
  });
});
