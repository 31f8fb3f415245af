/**
 * `npm run package:teams`: the Teams app package to upload (Teams admin center, or "Upload a
 * custom app"). Fills in the bot id from MicrosoftAppId and the command lists from the commands the
 * bot understands, validates the manifest against the bundled v1.22 schema, and zips manifest.json,
 * color.png and outline.png into manifest/teams/secretariat-teams.zip (git-ignored). The command lists are written back to
 * manifest/teams/manifest.json so the committed file stays in step. Without a valid
 * MicrosoftAppId nothing is written: a package with the placeholder id installs in Teams and then
 * never answers (issue 14, item 17).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import AdmZip from "adm-zip";
import { buildTeamsManifest, teamsCommandList } from "../adapters/teams/app-manifest.ts";
import { buildCommandSet } from "../src/bot/command-list.ts";
import { loadConfig, type Config } from "../src/config/index.ts";
import { validateTeamsManifest } from "./teams-manifest-schema.ts";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dir = path.join(root, "manifest/teams");

/** Builds, validates and zips the package; returns the zip's path. */
export async function packageTeams(options: { botId: string; out?: string; writeBack?: boolean; publicUrl?: string }): Promise<string> {
  if (!GUID.test(options.botId)) throw new Error(`MicrosoftAppId must be the Azure bot's app id (a GUID such as 9b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e), not "${options.botId}"`);
  const template = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")) as Record<string, unknown>;
  const commands = teamsCommandList(buildCommandSet().commands);
  const manifest = buildTeamsManifest(template, { botId: options.botId, commands, publicUrl: options.publicUrl });
  const problems = await validateTeamsManifest(manifest);
  if (problems.length > 0) throw new Error(`manifest/teams/manifest.json is not valid:\n${problems.join("\n")}`);
  if (options.writeBack) fs.writeFileSync(path.join(dir, "manifest.json"), `${JSON.stringify(buildTeamsManifest(template, { commands }), null, 2)}\n`);
  const out = options.out ?? path.join(dir, "secretariat-teams.zip");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const zip = new AdmZip();
  zip.addFile("manifest.json", Buffer.from(JSON.stringify(manifest, null, 2)));
  for (const icon of ["color.png", "outline.png"]) zip.addFile(icon, fs.readFileSync(path.join(dir, icon)));
  zip.writeZip(out);
  return out;
}

/** The command: 0 and the zip's path on stdout, or 2 and one line on stderr (nothing written). */
export async function packageTeamsCommand(config: Config, io: { stdout: (s: string) => void; stderr: (s: string) => void }, out?: string): Promise<number> {
  if (!config.MicrosoftAppId) {
    io.stderr("package:teams: set MicrosoftAppId to your Azure bot's app id (Azure portal → your bot → Configuration); nothing was written\n");
    return 2;
  }
  try {
    const zip = await packageTeams({ botId: config.MicrosoftAppId, writeBack: !out, out, publicUrl: config.PUBLIC_URL });
    io.stdout(`${path.relative(root, zip)}\n`);
    // The console tab needs an https address Teams can frame; without one the package has no tab.
    if (!config.PUBLIC_URL?.startsWith("https://")) io.stderr("package:teams: PUBLIC_URL is not https, so the package has no Console tab\n");
    return 0;
  } catch (e) {
    io.stderr(`package:teams: ${(e as Error).message}; nothing was written\n`);
    return 2;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  process.exitCode = await packageTeamsCommand(loadConfig(), { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) });
}
