/**
 * Text delegates type reaches the compiled note without bidirectional controls that reorder what
 * a reader sees, and without starting a spreadsheet formula (issue 13 item 10).
 */
import AdmZip from "adm-zip";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileCollection } from "../../../src/collection/compile/index.ts";
import { safeOptional, safeText } from "../../../src/collection/compile/safe-text.ts";
import { importPlan } from "../../../src/planning/plan-file/import-plan.ts";
import { parsePlanFile } from "../../../src/planning/plan-file/plan-file.ts";
import { databaseKinds, tempDir } from "../../support/databases.ts";
import { consoleText, testRuntime, type TestRuntime } from "../../support/runtime.ts";

const RLO = "\u202E";
const BIDI = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

describe("safeText", () => {
  it("removes every bidirectional control", () => {
    expect(safeText(`Budget ${RLO}desserpmi${"\u202C"} cut`)).toBe("Budget desserpmi cut");
    for (const c of ["\u200E", "\u200F", "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"]) {
      expect(safeText(`a${c}b`)).toBe("ab");
    }
  });

  it("puts an apostrophe before a field that would start a formula", () => {
    expect(safeText('=HYPERLINK("http://x","click")')).toBe(`'=HYPERLINK("http://x","click")`);
    expect(safeText("+1+1")).toBe("'+1+1");
    expect(safeText("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(safeText("-cmd|' /C calc'!A0")).toBe("'-cmd|' /C calc'!A0");
    expect(safeText("-(1)")).toBe("'-(1)");
    expect(safeText("\t=1")).toBe("'\t=1");
    expect(safeText("\r@x")).toBe("'\r@x");
  });

  it("sees a formula hidden behind a bidirectional control", () => {
    expect(safeText(`${RLO}=1+1`)).toBe("'=1+1");
  });

  it("leaves ordinary text as typed", () => {
    for (const s of ["- item one\n- item two", "-5 % on last year", "Two trainings held.", "a = b", "", "-"]) expect(safeText(s)).toBe(s);
    expect(safeOptional(null)).toBeNull();
    expect(safeOptional("=1")).toBe("'=1");
  });
});

const NOW = new Date("2026-11-23T10:00:00Z");
const PLAN = `workingParty: CCWP
number: 21
title: Action plan 2026-2027
start: 2026-01-01
actions:
  - code: "21.1"
    title: Joint training
    lead: { delegation: FR }
`;

describe.each(databaseKinds)("a compiled note with a hostile report on %s", (kind) => {
  let rt: TestRuntime;
  const say = (text: string, user: string, claims: { role?: "chair" | "secretariat"; delegation?: string } = {}) => rt.bot.handle(consoleText(text, user, claims, NOW));
  beforeAll(async () => {
    rt = await testRuntime(kind);
    const r = parsePlanFile(PLAN, "plan.yaml");
    if (!r.ok) throw new Error(r.errors.join());
    await importPlan(rt.store, r.plan, { actor: "test", now: NOW });
    await say("whoami", "marie", { delegation: "FR" });
    await say("collect start plan 21 due 2026-12-15", "claire", { role: "chair" });
    await say(`report 21.1 on track: =HYPERLINK("http://x","click") next: The budget was ${RLO}devorppa risks: @SUM(A1)`, "marie");
  });
  afterAll(() => rt.dispose());

  it("holds no bidirectional control and no field that starts a formula, in Markdown and .docx", async () => {
    const c = await rt.store.db.collection.findFirstOrThrow({ where: { plan: { number: 21 } } });
    const out = await compileCollection(rt.store, c.id, NOW, tempDir());
    const md = fs.readFileSync(out.markdown, "utf8");
    expect(md).not.toMatch(BIDI);
    expect(md).toContain(`**Summary.** '=HYPERLINK("http://x","click")`);
    expect(md).toContain("**Next steps.** The budget was devorppa");
    expect(md).toContain("**Risks.** '@SUM(A1)");
    const xml = new AdmZip(out.docx).readAsText("word/document.xml");
    expect(xml).not.toMatch(BIDI);
    const cells = [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]!.replace(/&quot;/g, '"').replace(/&apos;/g, "'"));
    expect(cells).toContain(`'=HYPERLINK("http://x","click")`);
    expect(cells).toContain("'@SUM(A1)");
    expect(cells).not.toContain(`=HYPERLINK("http://x","click")`);
  });
});
