import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyToPlainText } from "../../src/core/reply.ts";
import { consoleText, testRuntime, type TestRuntime } from "../support/runtime.ts";
import { runCli } from "../support/cli.ts";
import { seededDatabase } from "../support/databases.ts";

let rt: TestRuntime;
beforeAll(async () => {
  rt = await testRuntime();
});
afterAll(() => rt.dispose());

describe("ask the secretariat", () => {
  it("offers a form when the question is missing", async () => {
    const r = await rt.bot.handle(consoleText("ask the secretariat", "dora"));
    const form = r.replies[0]!.blocks.find((b) => b.type === "form");
    expect(form?.type === "form" && form.form.command).toBe("secretariat.ask");
  });

  it("records one forward per secretariat channel, once for a repeated press", async () => {
    const msg = consoleText("ask the secretariat: who chairs the next meeting?", "dora", { delegation: "FR" });
    const a = await rt.bot.handle(msg);
    const b = await rt.bot.handle(msg);
    expect(replyToPlainText(a.replies[0]!)).toMatch(/passed your question/);
    expect(a.deliveryIds).toHaveLength(1);
    expect(b.deliveryIds).toHaveLength(0);
    const d = await rt.store.db.delivery.findFirstOrThrow({ where: { kind: "forward" } });
    expect(d).toMatchObject({ platform: "console", target: "#ccwp", targetKind: "channel" });
    expect(d.payload).toContain("who chairs the next meeting?");
  });

  it("refuses a form submission without a question, naming the field", async () => {
    const r = await rt.bot.handle({ ...consoleText("", "dora"), kind: "form", command: "secretariat.ask", values: { question: "" } } as never);
    expect(r.replies[0]!.tone).toBe("error");
    expect(r.replies[0]!.fieldErrors?.question).toMatch(/at least 3/);
  });

  it("prints the forwarded message from secretariat say", async () => {
    const r = await runCli(["say", "--as", "ed", "--json", "ask the secretariat: is the room booked?"], { env: { DATABASE_URL: (await seededDatabase("sqlite")).url } });
    const out = JSON.parse(r.stdout) as { to: string; origin: string; text: string; key?: string }[];
    expect(out.map((o) => [o.to, o.origin])).toEqual([["user:ed", "reply"], ["#ccwp", "proactive"]]);
    expect(out[1]!.text).toContain("is the room booked?");
    expect(out[1]!.key).toMatch(/^forward:/);
  });
});
