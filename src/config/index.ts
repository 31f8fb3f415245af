/**
 * The one place that reads the environment. Parsed once with zod at start; a wrong value stops
 * start-up with one line naming the variable.
 */
import path from "node:path";
import { z } from "zod";
import { ConfigError } from "./config-error.ts";

const LogLevel = z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);
const port = z.coerce.number().int().min(0).max(65535);
const optional = z
  .string()
  .optional()
  .transform((v) => (v === "" ? undefined : v));

const EnvSchema = z.object({
  DATABASE_URL: z.string().min(1).default(`file:${path.join("data", "secretariat.db")}`),
  LOG_LEVEL: LogLevel.default("info"),
  /** working party a message belongs to when its channel is bound to none */
  DEFAULT_WORKING_PARTY: z.string().regex(/^[A-Z0-9_-]{1,20}$/, "a code such as CCWP").default("CCWP"),
  /** longest message the bot reads, in characters */
  MAX_MESSAGE_LENGTH: z.coerce.number().int().min(100).max(100_000).default(4000),
  PORT: port.default(3000),
  // Loopback unless told: a console-only trial must not open a port to the network. Behind a
  // reverse proxy on the same machine loopback is enough; HOST=0.0.0.0 listens on every address.
  HOST: z.string().min(1).default("127.0.0.1"),
  /** connections the HTTP server holds at once; one more is closed at once */
  HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(100_000).default(512),
  /**
   * public base URL of this deployment (calendar feeds, console sign-in, Teams file links and tab),
   * kept without its trailing slash so every link is built the same way; read it through publicBaseUrl
   */
  PUBLIC_URL: optional.pipe(z.url().optional()).transform((u) => u?.replace(/\/+$/, "")),
  /** folder of an ONNX sentence-embedding model (model.onnx + tokenizer.json); unset: lexical ranking only */
  EMBEDDINGS_MODEL_DIR: optional,
  SLACK_BOT_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional,
  SLACK_API_URL: optional.pipe(z.url().optional()),
  /** Slack commands that may wait while the bot works on four; beyond, the user is told it is busy */
  SLACK_QUEUE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(200),
  MicrosoftAppId: optional,
  MicrosoftAppPassword: optional,
  MicrosoftAppType: z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"]).default("MultiTenant"),
  MicrosoftAppTenantId: optional,
  /** Teams test mode: trust any serviceUrl (loopback stand-ins); never in production */
  TEAMS_TRUST_ANY_SERVICE_URL: z.enum(["0", "1"]).default("0"),
  /** Teams without an app id (local testing against a loopback connector): serve it as the chat platform */
  TEAMS_ENABLE: z.enum(["0", "1"]).default("0"),
  /** how long Teams request authentication may take before the request is refused (401) */
  TEAMS_AUTH_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(3000),
});

/** The whole configuration, frozen. */
export type Config = Readonly<z.infer<typeof EnvSchema>>;

export { ConfigError } from "./config-error.ts";
export { processEnv } from "./process-env.ts";

/** Parses an environment (process.env by default) into a frozen Config or throws ConfigError. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? "environment");
    throw new ConfigError(`${name}: ${issue.message}`);
  }
  const slack = slackProblem(parsed.data);
  if (slack) throw new ConfigError(slack);
  return Object.freeze(parsed.data);
}

/**
 * The address links to this bot are built on (calendar feeds, console sign-in): PUBLIC_URL (read
 * without its trailing slash), else the loopback address the server listens on by default.
 */
export function publicBaseUrl(config: Pick<Config, "PUBLIC_URL" | "PORT">): string {
  return config.PUBLIC_URL ?? `http://127.0.0.1:${config.PORT}`;
}

/**
 * Slack needs its variables together: a bot token alone used to open the console chat without a
 * word, as if Slack were not configured at all (issue 14 item 15).
 */
function slackProblem(c: z.infer<typeof EnvSchema>): string | null {
  if (c.SLACK_BOT_TOKEN && !c.SLACK_SIGNING_SECRET && !c.SLACK_APP_TOKEN)
    return "SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN (the Signing Secret on the Slack app's Basic Information page; or SLACK_APP_TOKEN for Socket Mode)";
  if (!c.SLACK_BOT_TOKEN && (c.SLACK_SIGNING_SECRET || c.SLACK_APP_TOKEN))
    return `SLACK_BOT_TOKEN: required with ${c.SLACK_SIGNING_SECRET ? "SLACK_SIGNING_SECRET" : "SLACK_APP_TOKEN"} (the Bot User OAuth Token on the Slack app's OAuth & Permissions page)`;
  return null;
}
