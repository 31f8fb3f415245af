import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.ts";
import { databaseKinds, seededDatabase } from "../support/databases.ts";

const fixtures = path.join(import.meta.dirname, "fixtures");
describe.each(databaseKinds)("the strategy CLI (%s)", (kind) => {
  let env: Record<string, string>;
  beforeAll(async () => {
    // the tests below share one seeded database
    env = { DATABASE_URL: (await seededDatabase(kind)).url };
  });

  interface AnswerLine {
    question: string;
    answered: boolean;
    answer: string;
    sources: { document: string; title: string; label: string; text: string; score: number }[];
  }
  const importEntries = async () =>
    (JSON.parse((await runCli(["audit", "--json"], { env })).stdout) as { actor: string; action: string; subject: string; detail: Record<string, unknown> }[]).filter((e) => e.action === "document.import");
  const lines = (stdout: string) => stdout.trim().split("\n").map((l) => JSON.parse(l) as AnswerLine);

  describe("secretariat ask", () => {
    it("prints one JSON object with the contract's fields, sources best first", async () => {
      const r = await runCli(["ask", "--json", "action 22 of the 1997 timetable"], { env });
      expect(r.code).toBe(0);
      expect(r.stderr).toBe("");
      const [a] = lines(r.stdout);
      expect(Object.keys(a!)).toEqual(["question", "answered", "answer", "sources"]);
      expect(a).toMatchObject({ question: "action 22 of the 1997 timetable", answered: true });
      expect(a!.sources[0]).toMatchObject({ document: "1997-programme", label: "TIMETABLE 22", title: expect.stringMatching(/Strategic action programme/) });
      expect(a!.answer).toMatch(/Hamburg, Le Havre, Felixstowe, Rotterdam, and Antwerp/);
      const scores = a!.sources.map((s) => s.score);
      expect([...scores].sort((x, y) => y - x)).toEqual(scores);
    });

    it("refuses a label the named document does not have, naming every part it has, in ask and in chat (issue 14 item 1)", async () => {
      const r = await runCli(["ask", "--json", "objective 3.a of the 2009 resolution"], { env });
      expect(r.code).toBe(0);
      const [a] = lines(r.stdout);
      expect(a).toMatchObject({ answered: false, sources: [] });
      expect(a!.answer).toBe(
        "The 2009 resolution has no 3.a; its numbered points are RECALLING 1–12, RECOGNISING 1–6, NOTES WITH SATISFACTION 1–5, HEREBY RESOLVES 1–2, INVITES 1–3. Nearest labels: HEREBY RESOLVES 1.(a); 3; RECALLING 3; RECOGNISING 3; NOTES WITH SATISFACTION 3; HEREBY RESOLVES 1.(b).",
      );
      const chat = await runCli(["say", "--as", "marie", "--json", "what does objective 9.z of the 2012 strategy say?"], { env });
      const [reply] = JSON.parse(chat.stdout) as { text: string }[];
      expect(reply!.text).toMatch(/^The 2012 strategy has no 9\.z; its numbered points are IV 1–3\. Nearest labels: IV 1; IV 2; IV 3/);
      expect(reply!.text).not.toMatch(/^>/m); // nothing quoted
    });

    it("reads one question per line from stdin and answers each on its own line", async () => {
      const input = "objective 2.c of the 2023 resolution\n\nwho won the football match yesterday?\n@channel\n";
      const r = await runCli(["ask", "--json"], { env, input });
      expect(r.code).toBe(0);
      const out = lines(r.stdout);
      expect(out.map((o) => o.answered)).toEqual([true, false, false]);
      expect(out[0]!.sources[0]!.label).toBe("HEREBY RESOLVES 2.c");
      expect(out[1]!.answer).toBe("The documents do not answer this question.");
      expect(out[2]!.answer).toMatch(/Ask a question about the strategies/);
      expect(r.stdout).not.toContain("@channel\"");
    });

    it("prints a readable answer without --json", async () => {
      const r = await runCli(["ask", "what", "does", "II.1", "C", "For", "the", "CCWP", "d)", "say?"], { env });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/To evaluate, on a regular basis/);
      expect(r.stdout).toMatch(/2009-strategy II\.1 C For the CCWP d\)/);
    });

    it("exits 2 with one line for an empty question", async () => {
      const r = await runCli(["ask", "  "], { env });
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/^secretariat: Ask a question/);
    });
  });

  describe("secretariat import strategy", () => {
    it("imports a document, then replaces it on a second import, and answers from it", async () => {
      const file = path.join(fixtures, "decimal-markdown.md");
      const a = await runCli(["import", "strategy", file, "--json"], { env });
      expect(a.code).toBe(0);
      expect(JSON.parse(a.stdout)).toMatchObject({ slug: "decimal-markdown", title: "Working Party on Ports Security — Strategy 2030", reference: "11111/25 PORTSEC 12", year: 2025, replaced: false, passages: 10 });
      const b = await runCli(["import", "strategy", file, "--json", "--title", "Ports strategy 2030", "--date", "4 March 2025"], { env });
      expect(JSON.parse(b.stdout)).toMatchObject({ slug: "decimal-markdown", title: "Ports strategy 2030", dateText: "4 March 2025", replaced: true, passages: 10 });
      const q = await runCli(["ask", "--json", "container screening results within 24 hours"], { env });
      expect(lines(q.stdout)[0]!.sources[0]).toMatchObject({ document: "decimal-markdown", label: "2.1.1", title: "Ports strategy 2030" });
      // each import is audited (issue 14, item 13), with what it stored
      const imports = (await importEntries()).filter((e) => e.subject === "decimal-markdown");
      expect(imports.map((e) => [e.actor, e.detail.replaced, e.detail.passages])).toEqual([
        ["cli", true, 10],
        ["cli", false, 10],
      ]);
    });

    it("rejects a bad file with exit code 2 and one clear line, storing nothing", async () => {
      for (const [name, message] of [
        ["binary.bin", /binary file/],
        ["empty.txt", /is empty/],
        ["latin1.txt", /not valid UTF-8/],
        ["flat.txt", /No numbered paragraphs or headings/],
        ["missing.txt", /cannot read .*no such file/],
      ] as const) {
        const r = await runCli(["import", "strategy", path.join(fixtures, name), "--json"], { env });
        expect(r.code, name).toBe(2);
        expect(r.stdout, name).toBe("");
        expect(r.stderr.trim().split("\n"), name).toHaveLength(1);
        expect(r.stderr, name).toMatch(message);
      }
      const q = await runCli(["ask", "--json", "precursor diversion"], { env });
      expect(lines(q.stdout)[0]!.sources.map((s) => s.document)).not.toContain("flat");
      expect((await importEntries()).map((e) => e.subject)).not.toContain("flat");
    });

    it("imports for some working parties only with --wp, shares with --shared, and refuses a bad --wp, storing nothing", async () => {
      expect((await runCli(["wp", "create", "PORTS", "Ports working party"], { env })).code).toBe(0);
      const file = path.join(fixtures, "decimal-markdown.md");
      const own = await runCli(["import", "strategy", file, "--slug", "ports-own", "--wp", "ports", "--json"], { env });
      expect([own.code, JSON.parse(own.stdout).readers]).toEqual([0, ["PORTS"]]);
      const q = "container screening results within 24 hours";
      const as = async (wp: string) => lines((await runCli(["ask", "--json", "--wp", wp, q], { env })).stdout)[0]!.sources.map((s) => s.document);
      expect(await as("PORTS")).toContain("ports-own");
      expect(await as("CCWP")).not.toContain("ports-own");
      // a re-import without --wp keeps its readers; --shared opens it to every working party
      expect(JSON.parse((await runCli(["import", "strategy", file, "--slug", "ports-own", "--json"], { env })).stdout).readers).toEqual(["PORTS"]);
      expect(JSON.parse((await runCli(["import", "strategy", file, "--slug", "ports-own", "--shared", "--json"], { env })).stdout).readers).toEqual([]);
      expect(await as("CCWP")).toContain("ports-own");
      for (const [args, message] of [
        [["--wp", "PORTS", "--shared"], /--wp and --shared: choose one/],
        [["--wp", "PORTS,NOPE"], /There is no working party NOPE/],
        [["--wp", "a b"], /--wp: working party codes separated by commas/],
      ] as const) {
        const r = await runCli(["import", "strategy", file, "--slug", "ports-refused", ...args], { env });
        expect([r.code, r.stdout, r.stderr.trim().split("\n").length], args.join(" ")).toEqual([2, "", 1]);
        expect(r.stderr).toMatch(message);
      }
      expect((await importEntries()).map((e) => e.subject)).not.toContain("ports-refused");
    });
  });
});
