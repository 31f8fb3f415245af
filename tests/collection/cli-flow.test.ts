import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/index.ts";
import { runCli } from "../support/cli.ts";
import { databaseKinds, seededDatabase, tempDir } from "../support/databases.ts";
import { seedPlan } from "./fixtures.ts";

// Every command runs at the suite's fixed clock (23 November 2026), three weeks before the due date.
const DUE = "2026-12-15";
describe.each(databaseKinds)("collections from the CLI (%s)", (kind) => {
  const env = { DATABASE_URL: "" };
  const cli = (...args: string[]) => runCli(args, { env });
  type Printed = { to: string; text: string; origin: string; key?: string; error: boolean };
  const say = async (as: string, extra: string[], message: string) => {
    const r = await cli("say", "--as", as, ...extra, "--json", message);
    return { code: r.code, out: JSON.parse(r.stdout || "[]") as Printed[], stderr: r.stderr };
  };

  beforeAll(async () => {
    // a seeded database, a chair who has spoken to the bot once, then the plan as the importer would add it
    env.DATABASE_URL = (await seededDatabase(kind)).url;
    expect((await cli("say", "--as", "chair", "--role", "chair", "whoami")).code).toBe(0);
    const store = await openStore(env.DATABASE_URL);
    try {
      await store.db.member.deleteMany({ where: { platformUserId: "chair" } });
      await seedPlan(store.db);
    } finally {
      await store.close();
    }
  });

  describe("collection through secretariat say and the CLI", () => {
    it("runs start, report, refusal, status, chase, compile, close and audit", async () => {
      const started = await say("chair", [], `collect start plan 99 due ${DUE}`);
      expect(started.code).toBe(0);
      expect(started.out[0]).toMatchObject({ to: "user:chair", origin: "reply" });
      expect(started.out[0]!.text).toContain("I asked 3 leads for 3 actions");
      // the console lead's request is delivered right away; Slack and Teams ones wait for their adapters
      const proactive = started.out.filter((o) => o.origin === "proactive");
      expect(proactive.map((o) => o.to)).toEqual(["user:nl-lead"]);
      expect(proactive[0]!.text).toContain("Please report on action 99.3");
      expect(proactive[0]!.key).toMatch(/^collect:\d+:ask:\d+:\d+$/);

      const reported = await say("nl-lead", ["--delegation", "NL"], "report 99.3 on track: handbook drafted next: adoption in June");
      expect(reported.code).toBe(0);
      expect(reported.out[0]!.text).toMatch(/^Thank you\./);

      const refused = await say("it-del", ["--delegation", "IT"], "report 99.2 delayed: not mine");
      expect(refused.code).toBe(1);
      expect(refused.out[0]!.error).toBe(true);
      expect(refused.out[0]!.text).toMatch(/Only the lead of action 99\.2/);

      const chatStatus = await say("chair", [], "collect status");
      expect(chatStatus.out[0]!.text).toContain("1 of 3 actions reported");

      const status = await cli("collect", "status", "--json");
      expect(status.code).toBe(0);
      const st = JSON.parse(status.stdout);
      expect(st).toMatchObject({ workingParty: "CCWP", plan: { number: 99 }, dueDate: DUE, state: "open", reported: 1, total: 3 });
      expect(st.missing.map((m: { action: string; lead: string }) => `${m.action} ${m.lead}`)).toEqual(["99.1 FR (Marie Dupont)", "99.2 DE"]);
      const statusText = await cli("collect", "status", "--plan", "99");
      expect(statusText.stdout).toMatch(/plan 99 \(Action plan 2026-2027\): 1 of 3 actions reported/);

      const chased = await say("chair", [], "collect chase");
      expect(chased.out[0]!.text).toMatch(/Reminded 2 leads for 2 actions without a report \(99\.1, 99\.2\)/);
      const digest = chased.out.find((o) => o.origin === "proactive");
      expect(digest).toMatchObject({ to: "user:chair" });
      expect(digest!.text).toContain("99.2 Risk information exchange under Naples II — DE");

      const out = tempDir();
      const compiled = await cli("collect", "compile", "--out", out, "--json");
      expect(compiled.code).toBe(0);
      const paths = JSON.parse(compiled.stdout);
      expect(paths).toMatchObject({ reported: 1, total: 3 });
      expect(fs.readFileSync(paths.docx).subarray(0, 2).toString()).toBe("PK");
      expect(fs.readFileSync(paths.markdown, "utf8")).toContain("handbook drafted");

      const closed = await say("chair", [], "collect close");
      expect(closed.out[0]!.text).toMatch(/Closed the collection for plan 99: 1 of 3 actions reported/);

      const audit = await cli("audit", "--json");
      const entries = (JSON.parse(audit.stdout) as { action: string; actor: string }[]).filter((a) => /^(collection|report)\./.test(a.action)).reverse();
      // the CLI's compile is audited like the chat's (issue 14, item 13)
      expect(entries.map((a) => a.action)).toEqual(["collection.start", "report.submit", "report.refused", "collection.chase", "collection.compile", "collection.close"]);
      expect(entries.find((a) => a.action === "collection.compile")!.actor).toBe("cli");
    }, 180_000);

    it("refuses a bad --plan as a usage error", async () => {
      const r = await cli("collect", "compile", "--plan", "abc");
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toMatch(/^secretariat: --plan: /);
    });

    it("exits 1 with one line for a plan with no collection, 2 for a plan that does not exist", async () => {
      const r = await cli("collect", "status", "--plan", "1");
      expect(r.code).toBe(1);
      expect(r.stderr.trim()).toMatch(/^secretariat: No progress reports have been collected for plan 1/);
      const unknown = await cli("collect", "status", "--plan", "7");
      expect(unknown.code).toBe(2);
      expect(unknown.stderr.trim()).toMatch(/^secretariat: CCWP has no plan 7; its plans are 1\b/);
    });
  });
});
