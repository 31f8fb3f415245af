import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyToPlainText, type Reply } from "../../../src/core/reply.ts";
import { MAX_QUESTION_LENGTH } from "../../../src/knowledge/answer/answer.ts";
import { consoleText, testRuntime, type TestRuntime } from "../../support/runtime.ts";

let rt: TestRuntime;
beforeAll(async () => {
  rt = await testRuntime();
});
afterAll(() => rt.dispose());

const ask = async (text: string): Promise<Reply> => (await rt.bot.handle(consoleText(text, "delia", { delegation: "FR" }))).replies[0]!;
const quotes = (r: Reply) => r.blocks.filter((b) => b.type === "quote");

describe("answers from the strategies in chat", () => {
  it("answers free text with the passage quoted and its source", async () => {
    const r = await ask("what does 3.a(ii) say?");
    const q = quotes(r)[0];
    expect(q?.type === "quote" && q.source).toEqual({ document: "2012-strategy", label: "IV 3.a.(ii)", title: "Draft Strategy for the future customs law enforcement co-operation" });
    expect(q?.type === "quote" && q.text).toMatch(/Risk Analysis Coordination Mechanism/);
    expect(r.tone).toBeUndefined();
  });

  it("answers the explicit ask command, offering the next best sources", async () => {
    const r = await ask("ask how far in advance must the CCWP adopt a new action plan?");
    expect(quotes(r)[0]?.type === "quote" && quotes(r)[0]).toMatchObject({ source: { document: "2009-strategy", label: "II.2" } });
    expect(replyToPlainText(r)).toMatch(/at least 2 months before the end of the current action plan/);
    expect(r.blocks.some((b) => b.type === "fields")).toBe(true);
  });

  it("finds a label named with its document: objective 2.c of the 2023 resolution, action 22 of the 1997 timetable", async () => {
    const a = quotes(await ask("objective 2.c of the 2023 resolution"))[0];
    expect(a?.type === "quote" && a.source.label).toBe("HEREBY RESOLVES 2.c");
    const b = quotes(await ask("action 22 of the 1997 timetable"))[0];
    expect(b?.type === "quote" && [b.source.document, b.source.label]).toEqual(["1997-programme", "TIMETABLE 22"]);
  });

  it("reads labels typed loosely: 3a(ii), 3.a.ii, II.1 C d)", async () => {
    for (const q of ["3a(ii)", "what does 3.a.ii say", "IV 3.a.(ii)"]) {
      const r = quotes(await ask(q))[0];
      expect(r?.type === "quote" && r.source.label, q).toBe("IV 3.a.(ii)");
    }
    // two lists under II.1 C have a d): either is an answer, never II.1 C itself
    const d = quotes(await ask("II.1 C d)"))[0];
    expect(d?.type === "quote" && d.source.label).toMatch(/^II\.1 C For .+ d\)$/);
  });

  it("lists the three strategic objectives of 2012 in one reply, with their labels", async () => {
    const r = await ask("what are the three strategic objectives of the 2012 strategy?");
    const labels = quotes(r).map((q) => (q.type === "quote" ? q.source.label : ""));
    expect(labels).toEqual(["IV 1", "IV 2", "IV 3"]);
    expect(replyToPlainText(r)).toMatch(/Improve institutional co-operation[\s\S]*Enhance operational co-operation[\s\S]*Ensure effective information management/);
  });

  it("knows acronyms both ways: JCO seizures, and the Customs Information System written as CIS", async () => {
    const a = quotes(await ask("follow-up of JCO seizures"))[0];
    expect(a?.type === "quote" && a.source).toMatchObject({ document: "2009-strategy", label: "II.1 C For the CCWP e)" });
    // the expansion typed in full finds the passage that only writes "CIS"
    const b = await ask("measures to enhance the use of the Customs Information System");
    expect(replyToPlainText(b)).toContain("To consider measures for enhancing the use of CIS and FIDE;");
  });

  it("reads through typing errors", async () => {
    const r = quotes(await ask("risk anaylsis coordination mechanisim"))[0];
    expect(r?.type === "quote" && r.source.label).toBe("IV 3.a.(ii)");
  });
});

describe("when the documents do not answer", () => {
  it("says so plainly, shows the closest passage as such, and offers to forward the question to the secretariat", async () => {
    const r = await ask("what is the budget of the CCWP for 2025?");
    expect(quotes(r).length).toBeLessThanOrEqual(1);
    expect(replyToPlainText(r)).toMatch(/The documents do not answer this question/);
    if (quotes(r).length === 1) expect(replyToPlainText(r)).toMatch(/The closest passage I found:/);
    const buttons = r.blocks.find((b) => b.type === "buttons");
    expect(buttons?.type === "buttons" && buttons.buttons[0]).toMatchObject({ command: "secretariat.ask", args: { question: "what is the budget of the CCWP for 2025?" } });
  });

  it("pressing the button forwards the question through the outbox", async () => {
    const r = await rt.bot.handle({ ...consoleText("", "delia"), kind: "action", command: "secretariat.ask", args: { question: "what is the budget of the CCWP for 2025?" } } as never);
    expect(replyToPlainText(r.replies[0]!)).toMatch(/passed your question to the secretariat/);
    expect(r.deliveryIds).toHaveLength(1);
  });
});

describe("bad questions", () => {
  it("refuses an over-long question without echoing it", async () => {
    const long = `what about ${"customs cooperation ".repeat(40)}`;
    expect(long.length).toBeGreaterThan(MAX_QUESTION_LENGTH);
    const r = await ask(`ask ${long}`);
    expect(r.tone).toBe("error");
    expect(replyToPlainText(r)).toMatch(/at most 500 characters/);
    expect(replyToPlainText(r)).not.toContain("customs cooperation customs");
  });

  it("refuses a question made only of mentions", async () => {
    const r = await ask("ask @channel @here @{U0123}");
    expect(r.tone).toBe("error");
    expect(replyToPlainText(r)).toMatch(/Ask a question about the strategies/);
    expect(replyToPlainText(r)).not.toMatch(/@channel|@here|@\{/);
  });

  it("never echoes a mention that would ping anyone, in the reply or the forward button", async () => {
    const r = await ask("@channel @here @everyone what is the salary of a customs officer? @{U0123}");
    const everything = JSON.stringify(r);
    expect(everything).not.toMatch(/@channel|@here|@everyone|@\{/);
    expect(replyToPlainText(r)).toMatch(/do not answer/);
    const buttons = r.blocks.find((b) => b.type === "buttons");
    expect(buttons?.type === "buttons" && buttons.buttons[0]!.args.question).toBe("what is the salary of a customs officer?");
  });

  it("answers a question with an injected mention without the mention", async () => {
    const r = await ask("@channel what does 3.a(ii) say?");
    expect(quotes(r)[0]?.type === "quote" && quotes(r)[0]).toMatchObject({ source: { label: "IV 3.a.(ii)" } });
    expect(JSON.stringify(r)).not.toMatch(/@channel/);
  });
});
