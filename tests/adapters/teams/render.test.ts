/** Reply → Adaptive Card 1.5: every block kind, validated with Microsoft's parser. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cardText, renderCard, renderRejectedForm } from "../../../adapters/teams/render.ts";
import { errorReply, reply, type Block, type Form } from "../../../src/core/reply.ts";
import { Activity } from "@microsoft/agents-activity";
import { cardPress } from "../../../adapters/teams/inbound.ts";
import { adaptiveCardProblems } from "../../support/adaptive-card-validator.ts";
import { marie, personalMessage } from "../../support/teams-activities.ts";

type Json = Record<string, unknown>;
const walk = (node: unknown, out: Json[] = []): Json[] => {
  if (Array.isArray(node)) node.forEach((n) => walk(n, out));
  else if (node && typeof node === "object") {
    out.push(node as Json);
    Object.values(node).forEach((v) => walk(v, out));
  }
  return out;
};

const form: Form = {
  command: "report.submit",
  title: "Progress report for 11.4",
  submitLabel: "Submit report",
  context: { collection: "3", action: "11.4" },
  fields: [
    { name: "status", label: "Status", kind: "select", required: true, value: "on_track", options: [{ value: "on_track", label: "On track" }, { value: "delayed", label: "Delayed" }] },
    { name: "summary", label: "Summary", kind: "textarea", required: true, maxLength: 2000, value: "Training held in May." },
    { name: "next", label: "Next steps", kind: "text", placeholder: "What happens next" },
    { name: "due", label: "Revised date", kind: "date", value: "2026-12-31" },
  ],
};

const cases: [string, Block, (elements: Json[]) => void][] = [
  ["a heading as a large bold TextBlock", { type: "text", text: "Deadlines", style: "heading" }, (e) => expect(e).toContainEqual(expect.objectContaining({ type: "TextBlock", text: "Deadlines", size: "Large", weight: "Bolder" }))],
  ["muted text as a subtle TextBlock", { type: "text", text: "2 more", style: "muted" }, (e) => expect(e).toContainEqual(expect.objectContaining({ type: "TextBlock", isSubtle: true }))],
  [
    "a quote with its document and label",
    { type: "quote", text: "Improve information exchange", source: { document: "2012-strategy", label: "IV 3.a.(ii)", title: "Strategy 2012" } },
    (e) => {
      expect(e).toContainEqual(expect.objectContaining({ type: "Container", style: "emphasis" }));
      expect(e).toContainEqual(expect.objectContaining({ type: "TextBlock", text: "— 2012-strategy, IV 3.a.(ii) (Strategy 2012)" }));
    },
  ],
  ["fields as a FactSet", { type: "fields", fields: [{ label: "Due", value: "30 June 2026" }] }, (e) => expect(e).toContainEqual({ type: "FactSet", facts: [{ title: "Due", value: "30 June 2026" }] })],
  ["a section as title, text and facts", { type: "section", title: "11.4 Joint training", text: "Lead: FR", fields: [{ label: "Status", value: "delayed" }] }, (e) => expect(e.map((x) => x.type)).toEqual(expect.arrayContaining(["TextBlock", "FactSet"]))],
  [
    "buttons as Action.Submit carrying { command, args }",
    { type: "buttons", buttons: [{ label: "Remind me", command: "deadlines.list", args: { text: "deadlines mine" }, style: "primary" }, { label: "Close", command: "collect.close", args: { id: 3 }, style: "danger" }] },
    (e) => {
      expect(e).toContainEqual({ type: "Action.Submit", title: "Remind me", data: { command: "deadlines.list", args: { text: "deadlines mine" } }, style: "positive" });
      expect(e).toContainEqual(expect.objectContaining({ type: "Action.Submit", style: "destructive" }));
    },
  ],
  [
    "a form as inputs, pre-filled, with an Action.Execute",
    { type: "form", form },
    (e) => {
      expect(e).toContainEqual(expect.objectContaining({ type: "Input.ChoiceSet", id: "field:status", value: "on_track", isRequired: true }));
      expect(e).toContainEqual(expect.objectContaining({ type: "Input.Text", id: "field:summary", isMultiline: true, maxLength: 2000, value: "Training held in May." }));
      expect(e).toContainEqual(expect.objectContaining({ type: "Input.Text", id: "field:next", placeholder: "What happens next" }));
      expect(e).toContainEqual(expect.objectContaining({ type: "Input.Date", id: "field:due", value: "2026-12-31" }));
      const action = e.find((x) => x.type === "Action.Execute")!;
      expect(action).toMatchObject({ verb: "report.submit", data: { command: "report.submit", form: { context: { collection: "3", action: "11.4" } } } });
      expect(JSON.stringify(action.data)).not.toContain("Training held in May.");
    },
  ],
  ["a file as a named line", { type: "file", file: { name: "report.docx", mediaType: "application/octet-stream", path: "/tmp/r.docx", title: "Compiled report" } }, (e) => expect(e).toContainEqual(expect.objectContaining({ text: "📎 Compiled report (report.docx)" }))],
  ["a divider as a separator", { type: "divider" }, (e) => expect(e).toContainEqual(expect.objectContaining({ separator: true }))],
];

describe("renderCard", () => {
  it.each(cases)("renders %s, valid Adaptive Card 1.5", (_name, block, check) => {
    const card = renderCard(reply("summary", [block]));
    expect(adaptiveCardProblems(card)).toEqual([]);
    check(walk(card.body));
    expect(card.fallbackText.length).toBeGreaterThan(0);
  });

  it("colours an error reply's text as attention", () => {
    const card = renderCard(errorReply("There is no action 99.9. Type deadlines to see the actions."));
    expect(card.body[0]).toMatchObject({ color: "Attention" });
    expect(adaptiveCardProblems(card)).toEqual([]);
  });

  it("shows a rejected form again with what was typed and each field's message", () => {
    const rejection = { ...errorReply("summary: at least 10 characters"), fieldErrors: { summary: "at least 10 characters" } };
    const card = renderRejectedForm(form, { summary: "short", status: "delayed" }, rejection);
    expect(adaptiveCardProblems(card)).toEqual([]);
    const elements = walk(card.body);
    expect(elements).toContainEqual(expect.objectContaining({ id: "field:summary", value: "short", errorMessage: "at least 10 characters" }));
    expect(elements).toContainEqual(expect.objectContaining({ id: "field:status", value: "delayed" }));
    expect(elements).toContainEqual(expect.objectContaining({ type: "TextBlock", text: "⚠ at least 10 characters", color: "Attention" }));
    expect(card.body[0]).toMatchObject({ color: "Attention", text: "Please correct the fields marked below." });
  });

  it("keeps the heading the form came with when a submission is rejected (through the card's own data)", () => {
    const card = renderCard(reply("Report on 11.4", [{ type: "text", text: "Action 11.4: Joint training with other law enforcement authorities", style: "heading" }, { type: "form", form }]));
    const action = walk(card.body).find((e) => e.type === "Action.Execute")!;
    const press = cardPress(Activity.fromObject(personalMessage("https://smba.trafficmanager.net/emea/", marie, "")), { ...(action.data as Json), "field:summary": "x" }, new Date("2026-11-23T10:00:00Z"))!;
    const rejection = { ...errorReply("summary: at least 10 characters"), fieldErrors: { summary: "at least 10 characters" } };
    const again = renderRejectedForm(press.form!, press.values ?? {}, rejection, press.heading);
    expect(adaptiveCardProblems(again)).toEqual([]);
    expect(again.body[0]).toMatchObject({ type: "TextBlock", text: "Action 11.4: Joint training with other law enforcement authorities", size: "Large" });
    expect(again.body[1]).toMatchObject({ color: "Attention", text: "Please correct the fields marked below." });
  });

  it("names a file in the fallback text without the server's path", () => {
    const card = renderCard(reply("CCWP timeline", [{ type: "file", file: { name: "ccwp-timeline-2026-11-23.png", mediaType: "image/png", path: "/tmp/secretariat-timeline-Ab12/9f3e-ccwp-timeline-2026-11-23.png", title: "CCWP: plans and deadlines" } }]));
    expect(card.fallbackText).toContain("ccwp-timeline-2026-11-23.png");
    expect(JSON.stringify(card)).not.toContain("/tmp/");
  });

  it("never lets user text become a mention or a link, whatever it contains", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 50 }), (text, label) => {
        const hostile = `${text}<at>${label}</at>[x](https://evil.example)`;
        const card = renderCard(reply(hostile, [{ type: "text", text: hostile }, { type: "fields", fields: [{ label, value: hostile }] }, { type: "quote", text: hostile, source: { document: label, label } }]));
        const json = JSON.stringify(card);
        expect(json).not.toMatch(/<at>/i);
        expect(json).not.toContain("](https://evil");
        expect(adaptiveCardProblems(card)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("keeps ordinary text readable", () => {
    expect(cardText("a < b and c > d, see (IV 3.a)")).toBe("a < b and c > d, see (IV 3.a)");
    expect(cardText("Type help <topic> for examples")).toBe("Type help ‹topic› for examples");
  });
});
