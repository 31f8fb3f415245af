import { describe, expect, it } from "vitest";
import { replyToPlainText, type Form } from "../../src/core/reply.ts";

const form = (typed?: string): Form => ({
  command: "report.submit",
  title: "Report on 11",
  submitLabel: "Submit report",
  context: { action: "11" },
  ...(typed ? { typed } : {}),
  fields: [
    { name: "status", label: "Status", kind: "select", required: true, value: "on_track", options: [{ value: "on_track", label: "On track" }, { value: "delayed", label: "Delayed" }] },
    { name: "summary", label: "Summary of progress", kind: "textarea", required: true, placeholder: "What has been done", error: "write a summary" },
    { name: "risks", label: "Risks or obstacles", kind: "textarea" },
  ],
});
const text = (f: Form) => replyToPlainText({ summary: "s", visibility: "personal", blocks: [{ type: "form", form: f }] });

describe("replyToPlainText of a form", () => {
  it("shows the line to type, then each field with its value, hint, choices and error", () => {
    expect(text(form("report 11 on track: what was done"))).toBe(
      [
        "Report on 11. Type it in one line:",
        "  report 11 on track: what was done",
        "Fields:",
        "  Status (required): On track — one of: on track, delayed",
        "  Summary of progress (required) [What has been done]  ⚠ write a summary",
        "  Risks or obstacles",
      ].join("\n"),
    );
  });

  it("never offers a command id to type: without a typed line it names where the form opens", () => {
    const t = text(form());
    expect(t).not.toMatch(/report\.submit/);
    expect(t).toMatch(/^Report on 11 \(open it in Slack, Teams or the web console\):/);
  });
});
