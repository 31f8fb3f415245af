/**
 * `npm run package:teams`: the Teams app package to upload (Teams admin center, or "Upload a
 * custom app"). Fills in the bot id from MicrosoftAppId and the command lists from the commands the
 * bot understands, validates the manifest against the bundled v1.22 schema, and zips manifest.json,
 * color.png and outline.png into manifest/teams/secretariat-teams.zip (git-ignored). The command lists are written back to
 * manifest/teams/manifest.json so the committed file stays in step.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import AdmZip from "adm-zip";
import { buildTeamsManifest, teamsCommandList } from "../adapters/teams/app-manifest.ts";
import { buildCommandSet } from "../src/bot/command-list.ts";
import { loadConfig } from "../src/config/index.ts";
import { validateTeamsManifest } from "./teams-manifest-schema.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dir = path.join(root, "manifest/teams");

/** Builds, validates and zips the package; returns the zip's path. */
export async function packageTeams(options: { botId?: string; out?: string; writeBack?: boolean; publicUrl?: string } = {}): Promise<string> {
  const template = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")) as Record<string, unknown>;
  const commands = teamsCommandList(buildCommandSet().commands);
  if (options.writeBack) fs.writeFileSync(path.join(dir, "manifest.json"), `${JSON.stringify(buildTeamsManifest(template, { commands }), null, 2)}\n`);
  const manifest = buildTeamsManifest(template, { botId: options.botId, commands, publicUrl: options.publicUrl });
  const problems = await validateTeamsManifest(manifest);
  if (problems.length > 0) throw new Error(`manifest/teams/manifest.json is not valid:\n${problems.join("\n")}`);
  const out = options.out ?? path.join(dir, "secretariat-teams.zip");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const zip = new AdmZip();
  zip.addFile("manifest.json", Buffer.from(JSON.stringify(manifest, null, 2)));
  for (const icon of ["color.png", "outline.png"]) zip.addFile(icon, fs.readFileSync(path.join(dir, icon)));
  zip.writeZip(out);
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const config = loadConfig();
  if (!config.MicrosoftAppId) process.stderr.write("MicrosoftAppId is not set: the package keeps the placeholder bot id 00000000-…; set it to your Azure bot's app id.\n");
  if (!config.PUBLIC_URL?.startsWith("https://")) process.stderr.write("PUBLIC_URL is not an https URL: the package has no Console tab (Teams shows tabs only from https).\n");
  const out = await packageTeams({ botId: config.MicrosoftAppId, writeBack: true, publicUrl: config.PUBLIC_URL });
  process.stdout.write(`${path.relative(root, out)}\n`);
}
