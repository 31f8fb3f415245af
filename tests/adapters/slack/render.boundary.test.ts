import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formToModal } from "../../../adapters/slack/modal.ts";
import { renderReply, renderViewBlocks } from "../../../adapters/slack/render.ts";
import { reply, type Block, type Form } from "../../../src/core/reply.ts";
import { messageViolations, viewViolations } from "../../support/slack-limits.ts";

const long = (n: number, unit = "word ") => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

describe("Slack limits", () => {
  it("splits a 10,000-character text into sections of at most 3,000", () => {
    const out = renderReply(reply("x", [{ type: "text", text: long(10_000) }]));
    const sections = out.messages[0]!.blocks;
    expect(sections.length).toBe(4);
    expect(messageViolations(out.messages[0]! as never)).toEqual([]);
  });

  it("splits 23 fields into sections of at most 10", () => {
    const fields = Array.from({ length: 23 }, (_, i) => ({ label: `L${i}`, value: long(2500) }));
    const m = renderReply(reply("x", [{ type: "fields", fields }])).messages[0]!;
    expect(m.blocks).toHaveLength(3);
    expect(messageViolations(m as never)).toEqual([]);
  });

  it("splits 60 buttons into actions blocks of at most 25, with 75-character labels", () => {
    const buttons = Array.from({ length: 60 }, (_, i) => ({ label: long(200, "x"), command: "deadlines.list", args: { n: i } }));
    const m = renderReply(reply("x", [{ type: "buttons", buttons }])).messages[0]!;
    expect(m.blocks).toHaveLength(3);
    expect(messageViolations(m as never)).toEqual([]);
  });

  it("shows a button whose value would exceed 2,000 characters as a typing hint instead", () => {
    const m = renderReply(reply("x", [{ type: "buttons", buttons: [{ label: "Big", command: "x", args: { text: long(2500) } }] }])).messages[0]!;
    expect(m.blocks.map((b) => b.type)).toEqual(["context"]);
  });

  it("splits 130 blocks into messages of at most 50, and cuts beyond four messages with a 'more' hint", () => {
    const blocks: Block[] = Array.from({ length: 130 }, (_, i) => ({ type: "text", text: `line ${i}` }));
    expect(renderReply(reply("x", blocks)).messages.map((m) => m.blocks.length)).toEqual([50, 50, 30]);
    const huge: Block[] = Array.from({ length: 500 }, (_, i) => ({ type: "text", text: `line ${i}` }));
    const parts = renderReply(reply("x", huge)).messages;
    expect(parts).toHaveLength(4);
    expect(JSON.stringify(parts[3]!.blocks.at(-1))).toMatch(/301 more not shown/);
  });

  it("cuts an App Home over 100 blocks with a 'more' hint", () => {
    const blocks: Block[] = Array.from({ length: 150 }, (_, i) => ({ type: "text", text: `line ${i}` }));
    const view = renderViewBlocks([reply("x", blocks)]);
    expect(view).toHaveLength(100);
    expect(JSON.stringify(view.at(-1))).toMatch(/51 more/);
  });

  it("keeps a modal within limits: 24-character title, 100 options, 100 blocks, 3,000-character inputs", () => {
    const form: Form = {
      command: "report.submit",
      title: "A progress report title that is far too long",
      submitLabel: "Submit the progress report now",
      context: { action: "11.4", collection: "3" },
      fields: [
        { name: "status", label: "Status", kind: "select", value: "o7", options: Array.from({ length: 150 }, (_, i) => ({ value: `o${i}`, label: long(100, "y") })) },
        { name: "summary", label: long(2500), kind: "textarea", value: long(5000), maxLength: 10_000, placeholder: long(300) },
        ...Array.from({ length: 120 }, (_, i) => ({ name: `f${i}`, label: `F${i}`, kind: "text" as const })),
      ],
    };
    const view = formToModal(form, { responseUrl: "https://hooks.slack.com/actions/T1/1/abc", channel: "C1" });
    expect(viewViolations(view as never)).toEqual([]);
    expect(view.title.text).toHaveLength(24);
  });

  it("never produces a payload over a limit, whatever the reply (property)", () => {
    const text = fc.string({ maxLength: 5000, unit: "binary" });
    const field = fc.record({ label: fc.string({ maxLength: 300 }), value: text });
    const button = fc.record({ label: fc.string({ maxLength: 200 }), command: fc.string({ minLength: 1, maxLength: 40 }), args: fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 600 }), { maxKeys: 4 }) });
    const block: fc.Arbitrary<Block> = fc.oneof(
      fc.record({ type: fc.constant("text" as const), text, style: fc.constantFrom("normal" as const, "heading" as const, "muted" as const) }),
      fc.record({ type: fc.constant("quote" as const), text, source: fc.record({ document: fc.string({ maxLength: 200 }), label: fc.string({ maxLength: 200 }) }) }),
      fc.record({ type: fc.constant("fields" as const), fields: fc.array(field, { maxLength: 25 }) }),
      fc.record({ type: fc.constant("section" as const), title: fc.string({ maxLength: 500 }), text, fields: fc.array(field, { maxLength: 15 }) }),
      fc.record({ type: fc.constant("buttons" as const), buttons: fc.array(button, { maxLength: 40 }) }),
      fc.constant({ type: "divider" as const }),
    );
    fc.assert(
      fc.property(fc.array(block, { maxLength: 120 }), fc.string({ maxLength: 500 }), (blocks, summary) => {
        const out = renderReply(reply(summary, blocks, "shared"), { shareToken: "t" });
        for (const m of out.messages) expect(messageViolations(m as never)).toEqual([]);
        expect(viewViolations({ type: "home", blocks: renderViewBlocks([reply(summary, blocks)]) })).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
