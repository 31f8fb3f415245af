import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCommandSet } from "../../src/bot/command-list.ts";
import { withTypedForms } from "../../src/bot/typed-forms.ts";
import { replyToPlainText, type Reply } from "../../src/core/reply.ts";
import { consoleText, testRuntime, type TestRuntime } from "../support/runtime.ts";

const { commands } = buildCommandSet();
const byId = (id: string) => commands.find((c) => c.id === id);
const formReply = (command: string, typed?: string): Reply => ({
  summary: "f",
  visibility: "personal",
  blocks: [{ type: "form", form: { command, title: "T", submitLabel: "Go", context: {}, fields: [], ...(typed ? { typed } : {}) } }],
});
const typedOf = (r: Reply) => (r.blocks[0]!.type === "form" ? r.blocks[0]!.form.typed : undefined);

describe("withTypedForms", () => {
  it("gives a form its command's usage as the line to type", () => {
    expect(typedOf(withTypedForms([formReply("collect.start")], byId)[0]!)).toBe("collect start plan N due YYYY-MM-DD [actions 99.1,99.2]");
  });

  it("keeps a form's own typed line", () => {
    expect(typedOf(withTypedForms([formReply("report.submit", "report 11 on track: …")], byId)[0]!)).toBe("report 11 on track: …");
  });
});

describe("forms on the console", () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await testRuntime();
  });
  afterAll(() => rt.dispose());
  const say = async (t: string) => (await rt.bot.handle(consoleText(t, "sam", { role: "secretariat" }))).replies.map(replyToPlainText).join("\n");

  it("shows collect start alone as the line to type, and that line works", async () => {
    const shown = await say("collect start");
    expect(shown).toMatch(/^Start collecting progress reports\. Type it in one line:\n {2}collect start plan N due YYYY-MM-DD \[actions 99\.1,99\.2\]\nFields:\n {2}Action plan number \(required\) \[99\]/);
    expect(shown).not.toMatch(/collect\.start|reply with/);
    expect(await say("collect start plan 1 due 2026-12-20")).toMatch(/^Collection started: 43 actions, reports due 20 December 2026/);
  });

  it("shows the report form as the report typed in one line, and that line is taken", async () => {
    const shown = await say("report 11");
    expect(shown).toMatch(/Report on 11\. Type it in one line:\n {2}report 11 on track: what was done \[next: next steps\] \[risks: risks\]\nFields:\n {2}Status \(required\): On track — one of: on track, delayed, completed, not started/);
    expect(shown).not.toMatch(/report\.submit|reply with/);
    expect(await say("report 11 on track: two trainings held next: a third")).not.toMatch(/⚠|do not answer/);
    const saved = await rt.store.db.progressReport.findFirstOrThrow({ where: { action: { code: "11" } } });
    expect(saved.summary).toBe("two trainings held");
  });
});
