/** Files on Teams cards: what users see with and without PUBLIC_URL. */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FileLinks, fileAttachments } from "../../../adapters/teams/attachments.ts";
import { reply } from "../../../src/core/reply.ts";
import { adaptiveCardProblems } from "../../support/adaptive-card-validator.ts";
import { tempDir } from "../../support/databases.ts";

const now = new Date("2026-11-23T10:00:00Z");
const compiled = () => {
  const file = path.join(tempDir(), "a1b2-ccwp-report-plan-12.docx");
  fs.writeFileSync(file, "PK fake docx bytes");
  return reply("Compiled report", [{ type: "file", file: { name: "ccwp-report-plan-12.docx", mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", path: file, title: "Compiled report, plan 12" } }]);
};

describe("fileAttachments", () => {
  it("without PUBLIC_URL names the file only: no server path, no instructions meant for the administrator", () => {
    const r = compiled();
    const [card] = fileAttachments([r], new FileLinks("key", undefined), now);
    const text = JSON.stringify(card);
    expect(adaptiveCardProblems(card!.content)).toEqual([]);
    expect(text).toContain("ccwp-report-plan-12.docx");
    expect(text).not.toContain(path.basename((r.blocks[0] as { file: { path: string } }).file.path));
    expect(text).not.toContain(tempDir().split(path.sep)[1]!);
    expect(text).not.toMatch(/PUBLIC_URL|localhost|server/i);
  });

  it("with PUBLIC_URL offers a download button to a signed link that expires", () => {
    const links = new FileLinks("key", "https://bot.example.org");
    const [card] = fileAttachments([compiled()], links, now);
    const url = JSON.stringify(card).match(/https:\/\/bot\.example\.org\/teams\/files\/([^"]+)/)![1]!;
    expect(links.verify(url, now)).toMatchObject({ name: "ccwp-report-plan-12.docx" });
    expect(links.verify(url, new Date(now.getTime() + 8 * 24 * 3600 * 1000))).toBeNull();
  });
});
