/**
 * The secretariat web console, served by `secretariat start` on the one HTTP server under
 * /console: server-rendered pages (Eta templates), forms that work without JavaScript (htmx only
 * adds the live "parsed day" preview), one stylesheet. Sign-in is a single-use link from the bot;
 * changes run through the bot's own commands or use cases, so permissions and audit are the same
 * as in chat.
 *
 * Room for more sign-in methods: "Sign in with Slack" (OpenID Connect) or Microsoft Entra ID would
 * add a route here that verifies the identity and calls the same session opening as a link does
 * (`openSession` with another `method`), mapping the identity to a Member by platform user id.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import fastifyCsrf from "@fastify/csrf-protection";
import fastifyFormbody from "@fastify/formbody";
import fastifyHelmet from "@fastify/helmet";
import fastifyMultipart from "@fastify/multipart";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifyView from "@fastify/view";
import { Eta } from "eta";
import type { FastifyInstance, FastifyPluginAsync } from "fastify";
import type { HttpServer } from "../http/server.ts";
import type { Runtime } from "../../src/runtime/open-runtime.ts";
import { errorPage } from "./errors.ts";
import { MAX_FORM_BYTES, MAX_UPLOAD_BYTES } from "./limits.ts";
import { registerAdminPages } from "./pages/admin.ts";
import { registerCollectionPages } from "./pages/collections.ts";
import { registerOverview } from "./pages/overview.ts";
import { registerPlanPages } from "./pages/plans.ts";
import { registerSignIn } from "./pages/sign-in.ts";
import { page } from "./page.ts";
import { loadPerson, SESSION_COOKIE } from "./session.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const VIEWS = path.join(here, "views");


export interface ConsoleOptions extends Record<string, unknown> {
  rt: Runtime;
  /** the clock; tests pass a fixed one */
  now: () => Date;
  /** the benchmark measures rendering, not the limiter, and raises it */
  limits?: { requestsPerMinute?: number };
}

/** What every page module receives. */
export interface ConsoleContext {
  rt: Runtime;
  now: () => Date;
  secure: boolean;
}

/** Adds the console to the shared server. */
export function mountWebConsole(server: HttpServer, rt: Runtime, now: () => Date = () => new Date(), limits?: ConsoleOptions["limits"]): void {
  server.register(webConsole, { rt, now, limits, prefix: "/console" });
}

export const webConsole: FastifyPluginAsync<ConsoleOptions> = async (app, { rt, now, limits }) => {
  const key = await rt.store.repos.consoleAccess.cookieKey(() => randomBytes(32).toString("base64url"));
  const secure = (rt.config.PUBLIC_URL ?? "").startsWith("https:");
  await app.register(fastifyCookie, { secret: key });
  await app.register(fastifyFormbody, { bodyLimit: MAX_FORM_BYTES });
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, fieldSize: MAX_FORM_BYTES } });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        formAction: ["'self'"],
        // The Teams tab page sets its own frame-ancestors; every other page refuses to be framed.
        frameAncestors: ["'none'"],
        // Only on https: on a plain-http intranet address it would break every asset.
        upgradeInsecureRequests: secure ? [] : null,
      },
    },
    // http://127.0.0.1 in development: no HSTS unless the public URL is https.
    strictTransportSecurity: secure,
  });
  // Per session when signed in (behind a reverse proxy every visitor has the proxy's address), else
  // per address; sign-in has a stricter limit of its own; the stylesheet and script are free.
  await app.register(fastifyRateLimit, {
    max: limits?.requestsPerMinute ?? 600,
    timeWindow: "1 minute",
    keyGenerator: (req) => req.cookies?.[SESSION_COOKIE] ?? req.ip,
    allowList: (req) => req.url.startsWith("/console/assets/"),
  });
  await app.register(fastifyCsrf, {
    sessionPlugin: "@fastify/cookie",
    cookieKey: "secretariat_csrf",
    cookieOpts: { path: "/console", httpOnly: true, sameSite: "lax", secure, signed: true },
    // Tokens are bound to the session, so one taken from another person's page is refused.
    getUserInfo: (req) => (req.person ? (req.sessionToken ?? "") : "anonymous"),
    csrfOpts: { userInfo: true, hmacKey: key },
    // Forms send _csrf in the body; an upload sends it in its URL, so a forged upload is refused
    // before its body is read.
    getToken: (req) => (req.body as { _csrf?: string } | undefined)?._csrf ?? (req.query as { _csrf?: string } | undefined)?._csrf,
  });
  const eta = new Eta({ views: VIEWS, cache: true, autoEscape: true, autoTrim: false });
  await app.register(fastifyView, { engine: { eta }, root: VIEWS, production: true });
  await app.register(fastifyStatic, { root: path.join(here, "public"), prefix: "/assets/", decorateReply: false, maxAge: "1h" });
  app.get("/assets/htmx.min.js", async (_req, reply) => reply.type("text/javascript").header("cache-control", "public, max-age=3600").send(HTMX()));

  app.decorateRequest("person", null);
  app.decorateRequest("memberships", null as never);
  app.decorateRequest("sessionToken", undefined);
  app.decorateRequest("membership", undefined);
  app.addHook("onRequest", loadPerson(rt, now));
  app.setErrorHandler(errorPage(rt));
  app.setNotFoundHandler(async (request, reply) => page(request, reply, "message.eta", { title: "Not found", heading: "Page not found", text: "There is no such page in the console." }, 404));

  const ctx: ConsoleContext = { rt, now, secure };
  for (const register of [registerSignIn, registerOverview, registerPlanPages, registerCollectionPages, registerAdminPages]) register(app as FastifyInstance, ctx);
};

let htmxSource: Buffer | undefined;
/** htmx from its package, read once. */
function HTMX(): Buffer {
  htmxSource ??= fs.readFileSync(fileURLToPath(import.meta.resolve("htmx.org/dist/htmx.min.js")));
  return htmxSource;
}
