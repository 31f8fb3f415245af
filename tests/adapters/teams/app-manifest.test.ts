/** The Teams app package: manifest valid against Microsoft's schema, commands the bot understands, icons as Teams requires. */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import AdmZip from "adm-zip";
import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { buildTeamsManifest, teamsCommandList } from "../../../adapters/teams/app-manifest.ts";
import { buildCommandSet } from "../../../src/bot/command-list.ts";
import { grammar } from "../../../src/bot/grammar.ts";
import { normalizeCommandText } from "../../../src/bot/router.ts";
import { packageTeams, packageTeamsCommand } from "../../../scripts/package-teams.ts";
import { loadConfig } from "../../../src/config/index.ts";
import { colorSvg, outlineSvg } from "../../../scripts/teams-icons.ts";
import { validateTeamsManifest } from "../../../scripts/teams-manifest-schema.ts";
import { tempDir } from "../../support/databases.ts";
import { root } from "../../support/cli.ts";

const dir = path.join(root, "manifest/teams");
const committed = () => JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")) as Record<string, unknown>;

/** Decodes an 8-bit RGBA, non-interlaced PNG (what resvg writes) into width, height and pixels. */
function decodePng(buf: Buffer): { width: number; height: number; rgba: Buffer } {
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  expect([buf[24], buf[25], buf[28]]).toEqual([8, 6, 0]); // bit depth 8, RGBA, not interlaced
  const idat: Buffer[] = [];
  for (let off = 8; off < buf.length; ) {
    const len = buf.readUInt32BE(off);
    if (buf.toString("ascii", off + 4, off + 8) === "IDAT") idat.push(buf.subarray(off + 8, off + 8 + len));
    off += len + 12;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const rgba = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const cur = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= 4 ? rgba[y * stride + x - 4]! : 0;
      const b = y > 0 ? rgba[(y - 1) * stride + x]! : 0;
      const c = x >= 4 && y > 0 ? rgba[(y - 1) * stride + x - 4]! : 0;
      const p = a + b - c;
      const pred = [0, a, b, (a + b) >> 1, Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c][filter]!;
      rgba[y * stride + x] = (cur + pred) & 0xff;
    }
  }
  return { width, height, rgba };
}

describe("Teams app manifest", () => {
  it("passes Microsoft's published v1.22 schema, with the app id filled in", async () => {
    const manifest = buildTeamsManifest(committed(), { botId: "9b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e", commands: teamsCommandList(buildCommandSet().commands) });
    expect(manifest.manifestVersion).toBe("1.22");
    expect(await validateTeamsManifest(manifest)).toEqual([]);
  });

  it("adds the web console as a personal tab on the deployment's https domain, still valid", async () => {
    const manifest = buildTeamsManifest(committed(), { botId: "9b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e", commands: teamsCommandList(buildCommandSet().commands), publicUrl: "https://bot.example.eu" });
    expect(manifest.staticTabs).toEqual([{ entityId: "secretariat-console", name: "Console", contentUrl: "https://bot.example.eu/console/teams-tab", websiteUrl: "https://bot.example.eu/console/", scopes: ["personal"] }]);
    expect(manifest.validDomains).toEqual(["bot.example.eu"]);
    expect(await validateTeamsManifest(manifest)).toEqual([]);
    // Teams refuses tabs on plain http, so none is added for a local URL.
    expect(buildTeamsManifest(committed(), { commands: [], publicUrl: "http://127.0.0.1:3000" }).staticTabs).toBeUndefined();
  });

  it("is refused by the schema when broken (the check can fail)", async () => {
    const { accentColor: _a, ...broken } = committed();
    expect((await validateTeamsManifest({ ...broken, bots: [{ botId: "not-a-guid", scopes: ["everywhere"] }] })).length).toBeGreaterThan(0);
  });

  it("declares a bot for personal, team and group chat scopes, that accepts files (import this)", () => {
    const bots = committed().bots as { scopes: string[]; supportsFiles: boolean; commandLists: { scopes: string[] }[] }[];
    expect(bots).toHaveLength(1);
    expect(bots[0]!.supportsFiles).toBe(true);
    expect(bots[0]!.scopes).toEqual(["personal", "team", "groupChat"]);
    expect(bots[0]!.commandLists[0]!.scopes).toEqual(["personal", "team", "groupChat"]);
  });

  it("lists only commands the bot understands, matching the command list of the build", () => {
    const { commands } = buildCommandSet();
    const entries = (committed().bots as { commandLists: { commands: { title: string; description: string }[] }[] }[])[0]!.commandLists[0]!.commands;
    // Titles and descriptions: a summary changed in the code shows in Teams' menu only after package:teams.
    expect(entries).toEqual(teamsCommandList(commands));
    const listed = entries.map((c) => c.title);
    expect(listed.length).toBeGreaterThan(0);
    for (const title of listed) {
      const text = normalizeCommandText(title);
      expect(grammar.some((p) => p.pattern.test(text)), title).toBe(true);
    }
  });
});

describe("Teams app icons", () => {
  it("color.png is 192×192 and outline.png 32×32 with only white or transparent pixels", () => {
    const color = decodePng(fs.readFileSync(path.join(dir, "color.png")));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = decodePng(fs.readFileSync(path.join(dir, "outline.png")));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let opaque = 0;
    for (let i = 0; i < outline.rgba.length; i += 4) {
      const [r, g, b, a] = [outline.rgba[i]!, outline.rgba[i + 1]!, outline.rgba[i + 2]!, outline.rgba[i + 3]!];
      if (a > 0) {
        opaque++;
        expect([r, g, b]).toEqual([255, 255, 255]);
      }
    }
    expect(opaque).toBeGreaterThan(50);
    expect(outline.rgba[3]).toBe(0); // corner transparent
  });

  it("are reproduced exactly from their SVG sources", () => {
    expect(new Resvg(colorSvg).render().asPng()).toEqual(fs.readFileSync(path.join(dir, "color.png")));
    expect(new Resvg(outlineSvg).render().asPng()).toEqual(fs.readFileSync(path.join(dir, "outline.png")));
  });
});

describe("npm run package:teams", () => {
  it("zips a valid manifest with the bot id and both icons", async () => {
    const out = await packageTeams({ botId: "9b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e", out: path.join(tempDir(), "app.zip") });
    const zip = new AdmZip(out);
    expect(zip.getEntries().map((e) => e.entryName).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    const manifest = JSON.parse(zip.readAsText("manifest.json")) as { bots: { botId: string }[] };
    expect(manifest.bots[0]!.botId).toBe("9b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e");
    expect(await validateTeamsManifest(manifest as unknown as Record<string, unknown>)).toEqual([]);
    expect(zip.readFile("color.png")).toEqual(fs.readFileSync(path.join(dir, "color.png")));
  });

  it("with an https PUBLIC_URL, packages the console as a personal tab on that address, valid against the schema", async () => {
    const out = path.join(tempDir(), "app.zip");
    const err: string[] = [];
    const config = loadConfig({ DATABASE_URL: "file:/tmp/unused.db", MicrosoftAppId: "9b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e", PUBLIC_URL: "https://secretariat.example.eu/bot/" });
    expect(await packageTeamsCommand(config, { stdout: () => undefined, stderr: (s) => err.push(s) }, out)).toBe(0);
    expect(err).toEqual([]);
    const manifest = JSON.parse(new AdmZip(out).readAsText("manifest.json")) as Record<string, unknown>;
    expect(manifest.staticTabs).toEqual([{ entityId: "secretariat-console", name: "Console", contentUrl: "https://secretariat.example.eu/bot/console/teams-tab", websiteUrl: "https://secretariat.example.eu/bot/console/", scopes: ["personal"] }]);
    expect(manifest.validDomains).toEqual(["secretariat.example.eu"]);
    expect(await validateTeamsManifest(manifest)).toEqual([]);
  });

  it("with a plain-http PUBLIC_URL, packages no tab and says why", async () => {
    const out = path.join(tempDir(), "app.zip");
    const err: string[] = [];
    const config = loadConfig({ DATABASE_URL: "file:/tmp/unused.db", MicrosoftAppId: "9b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e", PUBLIC_URL: "http://10.0.0.5:3000" });
    expect(await packageTeamsCommand(config, { stdout: () => undefined, stderr: (s) => err.push(s) }, out)).toBe(0);
    expect(err.join("")).toBe("package:teams: PUBLIC_URL is not https, so the package has no Console tab\n");
    expect(JSON.parse(new AdmZip(out).readAsText("manifest.json")).staticTabs).toBeUndefined();
  });

  it.each([
    ["without MicrosoftAppId", {}],
    ["with a MicrosoftAppId that is not a GUID", { MicrosoftAppId: "my-bot" }],
  ])("refuses %s: exit 2, one line that says what to set, no zip", async (_name, env) => {
    const out = path.join(tempDir(), "app.zip");
    const err: string[] = [];
    const code = await packageTeamsCommand(loadConfig({ DATABASE_URL: "file:/tmp/unused.db", ...env }), { stdout: () => undefined, stderr: (s) => err.push(s) }, out);
    expect(code).toBe(2);
    expect(err.join("")).toMatch(/^package:teams: .*MicrosoftAppId.*nothing was written\n$/);
    expect(fs.existsSync(out)).toBe(false);
  });
});
