import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeKnowledgeBase } from "../../../src/knowledge/knowledge-base.ts";
import { startSlackTestApp, type SlackTestApp } from "../../support/slack-app.ts";

// A loopback stand-in for files.slack.com: serves one file to the bot's token only.
const DOCUMENT = "Council Resolution of 29 November 1996 on police/customs agreements\n\nHEREBY ADOPTS THIS RESOLUTION:\n\n1.Member States should draw up agreements.\n\n2.\nThe agreements should set out the tasks of each service.\n";
let files: http.Server;
let fileUrl: string;
const seen: (string | undefined)[] = [];
let app: SlackTestApp;

beforeAll(async () => {
  files = http.createServer((req, res) => {
    seen.push(req.headers.authorization);
    if (req.headers.authorization !== "Bearer xoxb-test-token") return void res.writeHead(403).end();
    res.writeHead(200, { "content-type": "text/plain" }).end(DOCUMENT);
  });
  await new Promise<void>((r) => files.listen(0, "127.0.0.1", r));
  fileUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}/files-pri/T1-F1/police-customs.txt`;
  app = await startSlackTestApp();
  const wp = await app.rt.store.db.workingParty.findUniqueOrThrow({ where: { code: "CCWP" } });
  await app.rt.store.db.member.create({ data: { workingPartyId: wp.id, platform: "slack", platformUserId: "U900", displayName: "Sec", role: "secretariat" } });
  await app.rt.store.db.member.create({ data: { workingPartyId: wp.id, platform: "slack", platformUserId: "U901", displayName: "Del", role: "delegate" } });
});
afterAll(async () => {
  await closeKnowledgeBase(app.rt.store);
  await app.close();
  await new Promise((r) => files.close(r));
});

const posts = (channel: string) => app.stand.of("chat.postMessage").filter((c) => c.args.channel === channel);
const share = (user: string, channel: string, ts: string) =>
  app.event({ type: "message", subtype: "file_share", channel_type: "im", user, text: "import this", ts, channel, files: [{ id: "F1", name: "police-customs.txt", mimetype: "text/plain", size: DOCUMENT.length, url_private_download: fileUrl }] });

describe("import this, with a file shared in Slack", () => {
  it("imports the shared document as the CLI would and answers with its labels to check", async () => {
    await share("U900", "D900", "1700000900.000100");
    const [post] = await app.stand.until(() => posts("D900").length > 0 && posts("D900"));
    const text = JSON.stringify(post!.args.blocks);
    expect(text).toContain("Imported police-customs: Council Resolution of 29 November 1996 on police/customs agreements");
    expect(text).toContain("HEREBY ADOPTS THIS RESOLUTION 1");
    expect(seen.at(-1)).toBe("Bearer xoxb-test-token");
    const doc = await app.rt.store.db.strategyDocument.findUniqueOrThrow({ where: { slug: "police-customs" }, include: { passages: true } });
    expect(doc.year).toBe(1996);
    expect(doc.passages.map((p) => p.label)).toContain("HEREBY ADOPTS THIS RESOLUTION 2");
  });

  it("refuses a delegate, fetching nothing and storing nothing", async () => {
    const before = seen.length;
    await share("U901", "D901", "1700000901.000100");
    const [post] = await app.stand.until(() => posts("D901").length > 0 && posts("D901"));
    expect(JSON.stringify(post!.args)).toMatch(/secretariat/i);
    expect(seen.length).toBe(before);
  });

  it("asks for the file when the message has none", async () => {
    await app.event({ type: "message", channel_type: "im", user: "U900", text: "import this", ts: "1700000902.000100", channel: "D902" });
    const [post] = await app.stand.until(() => posts("D902").length > 0 && posts("D902"));
    expect(JSON.stringify(post!.args)).toContain("Attach the document");
  });
});
