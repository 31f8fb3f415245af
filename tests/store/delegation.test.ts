/**
 * One delegation rule (issue 14, item 5): ISO codes plus COM, EUROPOL, OLAF, GSC, with country
 * names mapped to codes, the same in the plan importer, chat, `say` and the web console's action
 * form. Before, the importer stored "France" as FRANCE and "XX" as XX while chat refused "France".
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyToPlainText } from "../../src/core/reply.ts";
import { addAction } from "../../src/planning/plan-file/edit-plan.ts";
import { parsePresidencies } from "../../src/planning/cycle/presidencies.ts";
import { delegationCode } from "../../src/store/delegation.ts";
import { runCli, root } from "../support/cli.ts";
import { databaseKinds, tempDir } from "../support/databases.ts";
import { consoleText, testRuntime, type TestRuntime } from "../support/runtime.ts";

describe("delegationCode", () => {
  it.each([
    ["FR", "FR"],
    ["fr", "FR"],
    [" de ", "DE"],
    ["France", "FR"],
    ["france", "FR"],
    ["Germany", "DE"],
    ["the Netherlands", "NL"],
    ["Czech Republic", "CZ"],
    ["Czechia", "CZ"],
    ["Greece", "EL"],
    ["GR", "EL"],
    ["EL", "EL"],
    ["United Kingdom", "UK"],
    ["GB", "UK"],
    ["com", "COM"],
    ["Europol", "EUROPOL"],
    ["OLAF", "OLAF"],
    ["GSC", "GSC"],
    ["European Commission", "COM"],
    ["NO", "NO"],
    ["Switzerland", "CH"],
  ])("reads %j as %s", (text, code) => {
    expect(delegationCode(text)).toBe(code);
  });

  it.each(["XX", "ZZ", "EU", "FRA", "FRANCE!", "Frankreich", "Germany!", "", "  ", "x".repeat(200)])("refuses %j", (text) => {
    expect(delegationCode(text)).toBeNull();
  });

  it("maps every country in the bundled presidency list to a code", () => {
    const terms = parsePresidencies(fs.readFileSync(path.join(root, "data", "council-presidencies.csv"), "utf8"));
    const unmapped = [...new Set(terms.map((t) => t.country))].filter((c) => delegationCode(c) === null);
    expect(unmapped).toEqual([]);
  });
});

const plan = (number: number, lead: string, participants = "[DE]") =>
  `workingParty: CCWP\nnumber: ${number}\ntitle: Plan\nstart: 2027-01-01\nactions:\n  - code: "${number}.1"\n    title: Study\n    lead: { delegation: ${lead} }\n    participants: ${participants}\n    deadlines:\n      - { due: "June 2027" }\n`;

describe.each(databaseKinds)("one delegation rule on %s", (kind) => {
  let rt: TestRuntime;
  let env: Record<string, string>;
  beforeAll(async () => {
    rt = await testRuntime(kind);
    env = { DATABASE_URL: rt.database.url };
  });
  afterAll(() => rt.dispose());
  const importFile = async (text: string) => {
    const file = path.join(tempDir(), "plan.yaml");
    fs.writeFileSync(file, text);
    return runCli(["import", "plan", file], { env });
  };

  it("the importer stores a country's name as its code, as chat does", async () => {
    const r = await importFile(plan(61, "France", "[Germany, nl]"));
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const a = await rt.store.db.action.findFirstOrThrow({ where: { code: "61.1" } });
    expect([a.leadDelegation, a.participants]).toEqual(["FR", JSON.stringify(["DE", "NL"])]);
  });

  it.each(["XX", "Frankreich"])("the importer refuses the lead %j with the line and field, and stores nothing", async (lead) => {
    const r = await importFile(plan(62, lead));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`line 8, actions[0].lead.delegation: "${lead}" is not a delegation: write a country's ISO code or English name`);
    expect(await rt.store.db.actionPlan.count({ where: { number: 62 } })).toBe(0);
  });

  it("chat `delegation` takes a name in one or several words and refuses what names no delegation", async () => {
    const say = async (text: string) => (await rt.bot.handle(consoleText(text, "sec", { role: "secretariat" }))).replies.map(replyToPlainText).join("\n");
    await rt.bot.handle(consoleText("help", "bob"));
    expect(await say("delegation bob France")).toMatch(/bob now speaks for FR\./);
    expect(await say("delegation bob Czech Republic")).toMatch(/bob now speaks for CZ\./);
    expect(await say("delegation bob XX")).toMatch(/"XX" is not a delegation/);
    const bob = await rt.store.db.member.findFirstOrThrow({ where: { platformUserId: "bob" } });
    expect(bob.delegation).toBe("CZ");
    expect(await say("calendar Luxembourg")).toMatch(/led by LU/);
    expect(await say("calendar Frankreich")).toMatch(/"Frankreich" is not a delegation/);
  });

  it("say --delegation reads a name and refuses an unknown one with exit 2", async () => {
    const ok = await runCli(["say", "--as", "carla", "--delegation", "Italy", "whoami"], { env });
    expect(ok.stdout).toMatch(/IT/);
    expect((await rt.store.db.member.findFirstOrThrow({ where: { platformUserId: "carla" } })).delegation).toBe("IT");
    const no = await runCli(["say", "--as", "dora", "--delegation", "XX", "whoami"], { env });
    expect(no.code).toBe(2);
    expect(no.stderr).toMatch(/"XX" is not a delegation/);
  });

  it("the web console's action form reads a name as the code and names the field when it is unknown", async () => {
    const p = await rt.store.db.actionPlan.findFirstOrThrow({ where: { number: 61 } });
    const by = { workingPartyId: p.workingPartyId, actor: "web:sec", now: new Date("2026-11-23T10:00:00Z") };
    const a = await addAction(rt.store, p.id, { code: "61.2", title: "Second study", leadDelegation: "Spain", deadlines: [] }, by);
    expect(a.leadDelegation).toBe("ES");
    await expect(addAction(rt.store, p.id, { code: "61.3", title: "Third study", leadDelegation: "XX", deadlines: [] }, by)).rejects.toMatchObject({
      fieldErrors: { leadDelegation: expect.stringMatching(/"XX" is not a delegation/) },
    });
  });
});
