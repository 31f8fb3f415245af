import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blockAction, startSlackTestApp, viewSubmission, type SlackTestApp } from "../../support/slack-app.ts";

let app: SlackTestApp;
beforeAll(async () => {
  app = await startSlackTestApp();
  const wp = await app.rt.store.db.workingParty.findFirstOrThrow();
  await app.rt.store.db.channelBinding.create({ data: { workingPartyId: wp.id, platform: "slack", channelId: "CSEC", name: "ccwp-secretariat", purpose: "secretariat" } });
});
afterAll(() => app.close());

const responsesTo = (id: string) => app.stand.responses.filter((r) => r.id === id);
const answers = (id: string, n = 1) => app.stand.until(() => responsesTo(id).length >= n && responsesTo(id));
type Button = { action_id: string; value: string };
type View = { private_metadata: string; callback_id: string; blocks: { block_id: string; element: { type: string } }[]; title: { text: string } };

async function openForm(): Promise<View> {
  const r = await app.command("ask the secretariat", "U700");
  const [answer] = await answers(r.responseUrlId);
  const actions = (answer!.body.blocks as { type: string; elements?: Button[] }[]).find((b) => b.type === "actions")!;
  const button = actions.elements![0]!;
  expect(button.action_id).toMatch(/^form:/);
  const before = app.stand.of("views.open").length;
  await app.interaction(blockAction(app.stand, button, { user: "U700", responseUrlId: `form-origin-${before}` }));
  const opened = await app.stand.until(() => app.stand.of("views.open").length > before && app.stand.of("views.open")[before]);
  expect(opened.args.trigger_id).toMatch(/^trig\./);
  return opened.args.view as View;
}

describe("slack forms", () => {
  it("renders a form as a button that opens a modal with the form's command in private_metadata", async () => {
    const view = await openForm();
    expect(view.callback_id).toBe("secretariat_form");
    expect(view.title.text).toBe("Ask the secretariat");
    expect(JSON.parse(view.private_metadata)).toMatchObject({ c: "secretariat.ask", ch: "C100" });
    expect(view.blocks.map((b) => [b.block_id, b.element.type])).toEqual([["f:question", "plain_text_input"]]);
  });

  it("keeps the modal open with the field's error inline when the core rejects the values", async () => {
    const view = await openForm();
    const r = await app.interaction(viewSubmission(view, { "f:question": { v: { type: "plain_text_input", value: "hi" } } }, "U700"));
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text)).toEqual({ response_action: "errors", errors: { "f:question": expect.stringMatching(/at least 3/) } });
    expect(app.stand.of("chat.postMessage").filter((c) => c.args.channel === "CSEC")).toHaveLength(0);
  });

  it("closes the modal on success, answers where the form was opened and sends the forward with its key", async () => {
    const view = await openForm();
    const meta = JSON.parse(view.private_metadata) as { r: string };
    const r = await app.interaction(viewSubmission(view, { "f:question": { v: { type: "plain_text_input", value: "Is the <!channel> room booked?" } } }, "U700"));
    expect(r.status).toBe(200);
    expect(r.text).toBe(""); // an empty ack closes the modal
    const originId = meta.r.split("/").at(-1)!;
    expect(JSON.stringify((await answers(originId))[0]!.body)).toMatch(/passed your question/);
    const [forward] = await app.stand.until(() => app.stand.of("chat.postMessage").filter((c) => c.args.channel === "CSEC").length > 0 && app.stand.of("chat.postMessage").filter((c) => c.args.channel === "CSEC"));
    expect(forward!.args.metadata).toMatchObject({ event_type: "secretariat_delivery", event_payload: { key: expect.stringMatching(/^forward:/) } });
    expect(JSON.stringify(forward!.args.blocks)).toContain("&lt;!channel&gt;");
    expect(JSON.stringify(forward!.args.blocks)).not.toContain("<!channel>");
    const ds = await app.rt.store.db.delivery.findMany({ where: { kind: "forward", platform: "slack" } });
    expect(ds.map((d) => [d.target, d.key])).toEqual([["CSEC", (forward!.args.metadata as { event_payload: { key: string } }).event_payload.key]]);
  });

  it("opens a form straight away from an App Home button, and answers other buttons there by DM", async () => {
    const before = app.stand.of("views.open").length;
    await app.interaction(blockAction(app.stand, { action_id: "cmd:3:0", value: JSON.stringify({ c: "secretariat.ask", a: {} }) }, { user: "U710", home: true }));
    const opened = await app.stand.until(() => app.stand.of("views.open")[before]);
    expect(JSON.parse((opened.args.view as View).private_metadata)).toEqual({ c: "secretariat.ask", x: {} });
    await app.interaction(blockAction(app.stand, { action_id: "cmd:3:1", value: JSON.stringify({ c: "whoami", a: {} }) }, { user: "U710", home: true }));
    const dm = await app.stand.until(() => app.stand.of("chat.postMessage").find((c) => c.args.channel === "D710"));
    expect(JSON.stringify(dm.args.blocks)).toContain("Working party");
  });

  it("answers a command button under a message through its response_url", async () => {
    await app.interaction(blockAction(app.stand, { action_id: "cmd:0:0", value: JSON.stringify({ c: "whoami", a: {} }) }, { user: "U711", responseUrlId: "btn1" }));
    expect(JSON.stringify((await answers("btn1"))[0]!.body)).toContain("Working party");
  });

  it("forwards a message to the secretariat from the 'Ask the secretariat' message shortcut", async () => {
    const r = await app.interaction({
      type: "message_action",
      callback_id: "ask_secretariat",
      trigger_id: "trig.sc",
      team: { id: "T1", domain: "ccwp" },
      user: { id: "U720", name: "u720", team_id: "T1" },
      channel: { id: "C100", name: "ccwp" },
      message: { type: "message", user: "U721", ts: "1700000800.000100", text: "When is the next meeting &amp; where?" },
      response_url: app.stand.responseUrl("shortcut1"),
      message_ts: "1700000800.000100",
      token: "legacy-verification-token",
    });
    expect(r.status).toBe(200);
    expect(JSON.stringify((await answers("shortcut1"))[0]!.body)).toMatch(/passed your question/);
    const fwd = await app.stand.until(() => app.stand.of("chat.postMessage").find((c) => c.args.channel === "CSEC" && JSON.stringify(c.args.blocks).includes("next meeting")));
    expect(JSON.stringify(fwd.args.blocks)).toContain("When is the next meeting &amp; where?");
  });

  it("says so when a form button has expired", async () => {
    await app.interaction(blockAction(app.stand, { action_id: "form:0", value: "unknown-token" }, { responseUrlId: "expired-form" }));
    expect(JSON.stringify((await answers("expired-form"))[0]!.body)).toMatch(/expired/);
  });

  it("refuses a modal whose private_metadata is not ours, inline", async () => {
    const r = await app.interaction(viewSubmission({ callback_id: "secretariat_form", private_metadata: "{oops", blocks: [{ type: "input", block_id: "f:x" }] }, {}, "U700"));
    expect(JSON.parse(r.text)).toMatchObject({ response_action: "errors", errors: { "f:x": expect.stringMatching(/out of date/) } });
  });

  it("produced only payloads within Slack's limits", () => {
    expect(app.stand.violations).toEqual([]);
  });
});
