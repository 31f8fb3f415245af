import { describe, expect, it } from "vitest";
import { renderReply, renderViewBlocks } from "../../../adapters/slack/render.ts";
import { errorReply, reply, textReply } from "../../../src/core/reply.ts";
import { viewViolations } from "../../support/slack-limits.ts";

describe("renderReply", () => {
  it("renders each block type of the reply model", () => {
    const r = reply("Answer", [
      { type: "text", text: "Deadlines", style: "heading" },
      { type: "text", text: "Here is what is due." },
      { type: "text", text: "as of today", style: "muted" },
      { type: "quote", text: "Improve information exchange\nbetween customs", source: { document: "2012 strategy", label: "IV 3.a.(ii)", title: "Information" } },
      { type: "fields", fields: [{ label: "Due", value: "30 June 2027" }] },
      { type: "section", title: "11.4", text: "Joint training", fields: [{ label: "Lead", value: "FR" }] },
      { type: "buttons", buttons: [{ label: "Overdue", command: "deadlines.list", args: { text: "deadlines overdue" }, style: "primary" }] },
      { type: "file", file: { name: "report.docx", mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", path: "/tmp/report.docx", title: "Compiled report" } },
      { type: "divider" },
    ]);
    const out = renderReply(reply(r.summary, r.blocks, "shared"));
    expect(out.messages).toHaveLength(1);
    expect(out.messages[0]!.text).toBe("Answer");
    expect(out.messages[0]!.blocks).toEqual([
      { type: "header", text: { type: "plain_text", text: "Deadlines" } },
      { type: "section", text: { type: "mrkdwn", text: "Here is what is due." } },
      { type: "context", elements: [{ type: "mrkdwn", text: "as of today" }] },
      { type: "section", text: { type: "mrkdwn", text: ">Improve information exchange\n>between customs" } },
      { type: "context", elements: [{ type: "mrkdwn", text: "_2012 strategy, IV 3.a.(ii) (Information)_" }] },
      { type: "section", fields: [{ type: "mrkdwn", text: "*Due*\n30 June 2027" }] },
      { type: "section", text: { type: "mrkdwn", text: "*11.4*\nJoint training" } },
      { type: "section", fields: [{ type: "mrkdwn", text: "*Lead*\nFR" }] },
      {
        type: "actions",
        block_id: "b6.0",
        elements: [{ type: "button", action_id: "cmd:6:0", text: { type: "plain_text", text: "Overdue" }, value: '{"c":"deadlines.list","a":{"text":"deadlines overdue"}}', style: "primary" }],
      },
      { type: "context", elements: [{ type: "mrkdwn", text: "📎 Compiled report (report.docx)" }] },
      { type: "divider" },
    ]);
    expect(out.files.map((f) => f.name)).toEqual(["report.docx"]);
  });

  it("escapes &, < and > in every text, so typed mentions never ping", () => {
    const evil = "<!channel> <!here> <@U123> <https://x|y> & more";
    const out = renderReply(
      reply(evil, [
        { type: "text", text: evil },
        { type: "text", text: evil, style: "heading" },
        { type: "quote", text: evil, source: { document: evil, label: evil } },
        { type: "fields", fields: [{ label: evil, value: evil }] },
        { type: "section", title: evil, text: evil },
        { type: "buttons", buttons: [{ label: evil, command: "x", args: {} }] },
      ]),
    );
    const json = JSON.stringify(out.messages);
    expect(json).not.toMatch(/<!|<@|<https/);
    expect(json).toContain("&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt;");
    expect(json).toContain("&amp; more");
  });

  it("marks an error reply's fallback text", () => {
    expect(renderReply(errorReply("Only chairs can do that.")).messages[0]!.text).toBe("⚠ Only chairs can do that.");
  });

  it("adds a Post to channel button when given a share token", () => {
    const blocks = renderReply(textReply("x", "shared"), { shareToken: "tok" }).messages[0]!.blocks;
    expect(blocks.at(-1)).toEqual({ type: "actions", block_id: "share", elements: [{ type: "button", action_id: "share", text: { type: "plain_text", text: "Post to channel" }, value: "tok" }] });
  });

  it("renders a form as a button that carries the form's stash token, or a typing hint without one", () => {
    const form = { command: "report.submit", title: "Progress report 11.4", submitLabel: "Send", context: { action: "11.4" }, fields: [{ name: "summary", label: "Summary", kind: "textarea" as const }] };
    const withRef = renderReply(reply("Report", [{ type: "form", form }]), { formRef: () => "T0KEN" }).messages[0]!.blocks;
    expect(withRef[1]).toMatchObject({ type: "actions", elements: [{ type: "button", action_id: "form:0", value: "T0KEN", text: { text: "Open: Progress report 11.4" } }] });
    const without = renderReply(reply("Report", [{ type: "form", form }])).messages[0]!.blocks;
    expect(JSON.stringify(without)).toContain("report.submit");
    expect(JSON.stringify(without)).not.toContain("button");
  });

  it("renders an empty reply as its summary", () => {
    expect(renderReply(reply("Nothing to show", [])).messages[0]!.blocks).toEqual([{ type: "section", text: { type: "mrkdwn", text: "Nothing to show" } }]);
  });

  it("joins replies into one view with dividers, without clashing block or action ids", () => {
    const blocks = renderViewBlocks([textReply("a"), textReply("b")]);
    expect(blocks.map((b) => b.type)).toEqual(["section", "divider", "section"]);
    const withButtons = reply("b", [{ type: "buttons", buttons: [{ label: "Go", command: "home", args: {} }] }]);
    const view = renderViewBlocks([withButtons, withButtons]);
    expect(viewViolations({ type: "home", blocks: view })).toEqual([]);
    expect(view.filter((b) => b.type === "actions").map((b) => b.block_id)).toEqual(["b0.0.0", "b1.0.0"]);
  });
});
