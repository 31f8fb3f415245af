/**
 * "import this" with a file sent in the Teams chat: the file.download.info attachment becomes the
 * core's attachment, fetched from OneDrive/SharePoint (a loopback stand-in here, local mode) only
 * when the import asks, never from another host, and never past the size cap.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Activity } from "@microsoft/agents-activity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FILE_DOWNLOAD_INFO, incomingFiles, isTrustedFileUrl, MAX_INCOMING_FILE_BYTES } from "../../../adapters/teams/incoming-files.ts";
import { closeKnowledgeBase } from "../../../src/knowledge/knowledge-base.ts";
import { marie, personalMessage } from "../../support/teams-activities.ts";
import { teamsTestServer, type TeamsTestServer } from "../../support/teams-server.ts";

const DOCUMENT = "Council Resolution of 29 November 1996 on police/customs agreements\n\nHEREBY ADOPTS THIS RESOLUTION:\n\n1.Member States should draw up agreements.\n\n2.\nThe agreements should set out the tasks of each service.\n";
let files: http.Server;
let base: string;
const served: string[] = [];
let t: TeamsTestServer;

beforeAll(async () => {
  // A loopback stand-in for OneDrive: the pre-authorised download link Teams gives the bot.
  files = http.createServer((req, res) => {
    served.push(req.url ?? "");
    if (req.url?.startsWith("/huge")) {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      const chunk = Buffer.alloc(1024 * 1024, 97);
      for (let i = 0; i < 26; i++) res.write(chunk);
      return void res.end();
    }
    res.writeHead(200, { "content-type": "text/plain" }).end(DOCUMENT);
  });
  await new Promise<void>((r) => files.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  t = await teamsTestServer();
  await t.post(personalMessage(t.connector.url, marie, "whoami"));
  await t.rt.store.db.member.updateMany({ where: { platform: "teams", platformUserId: marie.aadObjectId }, data: { role: "secretariat" } });
});
afterAll(async () => {
  await closeKnowledgeBase(t.rt.store);
  await t.close();
  await new Promise((r) => files.close(r));
});

const withFile = (text: string, downloadUrl: string, name = "police-customs.txt") => ({
  ...personalMessage(t.connector.url, marie, text),
  attachments: [{ contentType: FILE_DOWNLOAD_INFO, contentUrl: downloadUrl, name, content: { downloadUrl, uniqueId: "1b2c", fileType: name.split(".").pop() } }],
});

describe("import this, with a file sent in Teams", () => {
  it("imports the document as the CLI would and answers with its labels to check", async () => {
    t.connector.clear();
    await t.post(withFile("import this", `${base}/personal/marie/download.aspx?share=1`));
    const text = JSON.stringify(t.connector.cards);
    expect(text).toContain("Imported police-customs: Council Resolution of 29 November 1996 on police/customs agreements");
    const doc = await t.rt.store.db.strategyDocument.findUniqueOrThrow({ where: { slug: "police-customs" }, include: { passages: true } });
    expect(doc.passages.map((p) => p.label)).toContain("HEREBY ADOPTS THIS RESOLUTION 2");
  });

  it("downloads nothing for a message that does not ask for it", async () => {
    const before = served.length;
    await t.post(withFile("whoami", `${base}/personal/marie/other.txt`));
    expect(served.length).toBe(before);
  });

  it("refuses a link to another host without fetching it", async () => {
    t.connector.clear();
    await t.post(withFile("import this", "http://10.0.0.8:5432/x.txt"));
    expect(JSON.stringify(t.connector.cards)).toContain("is not a file Teams stored");
  });

  it("stops reading a file past the size cap", async () => {
    t.connector.clear();
    await t.post(withFile("import this", `${base}/huge.txt`, "huge.txt"));
    expect(JSON.stringify(t.connector.cards)).toContain(`the limit is ${MAX_INCOMING_FILE_BYTES / 1048576} MB`);
  });
});

describe("isTrustedFileUrl", () => {
  it.each([
    ["https://contoso-my.sharepoint.com/personal/x/download.aspx", "bot-framework", true],
    ["https://contoso.sharepoint.us/x", "bot-framework", true],
    ["http://contoso.sharepoint.com/x", "bot-framework", false],
    ["https://sharepoint.com.evil.example/x", "bot-framework", false],
    ["https://127.0.0.1/x", "bot-framework", false],
    ["http://127.0.0.1:9/x", "loopback", true],
    ["https://contoso.sharepoint.com/x", "loopback", false],
  ] as const)("%s (%s) → %s", (url, trust, ok) => {
    expect(isTrustedFileUrl(url, trust)).toBe(ok);
  });

  it("ignores attachments that are not files sent in the chat (cards, inline HTML)", () => {
    const a = Activity.fromObject({ type: "message", attachments: [{ contentType: "text/html", content: "<p>x</p>" }, { contentType: "application/vnd.microsoft.card.adaptive", content: {} }] });
    expect(incomingFiles(a, "loopback")).toEqual([]);
  });
});
