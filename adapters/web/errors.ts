/**
 * Every refusal the console's plugins raise becomes a page that says what happened and that
 * nothing was changed: a forged or stale form (CSRF), a file or form over its limit, too many
 * requests. Anything else is logged with a ref and shown without detail.
 */
import { randomBytes } from "node:crypto";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import type { Runtime } from "../../src/runtime/open-runtime.ts";
import { MAX_UPLOAD_BYTES } from "./limits.ts";
import { page } from "./page.ts";

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** What a user is told for a plugin's error code. */
export function explain(e: FastifyError): { status: number; heading: string; text: string } | null {
  switch (e.code) {
    case "FST_CSRF_INVALID_TOKEN":
    case "FST_CSRF_MISSING_SECRET":
      return { status: 403, heading: "This form has expired", text: "The form was not sent from your current console session (it may be from an older page, another session or another site). Nothing was changed. Reload the page and try again." };
    case "FST_REQ_FILE_TOO_LARGE":
    case "FST_ERR_CTP_BODY_TOO_LARGE":
    case "FST_PARTS_LIMIT":
    case "FST_FILES_LIMIT":
    case "FST_FIELDS_LIMIT":
      return { status: 413, heading: "Too large", text: `That upload is too large: files of at most ${mb(MAX_UPLOAD_BYTES)}, one at a time. Nothing was changed.` };
    case "FST_INVALID_MULTIPART_CONTENT_TYPE":
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return { status: 415, heading: "Not a form", text: "The console only accepts its own forms. Nothing was changed." };
    default:
      if (e.statusCode === 429) return { status: 429, heading: "Too many requests", text: "Too many requests from your address in a short time. Wait a minute and try again. Nothing was changed." };
      return null;
  }
}

export function errorPage(rt: Runtime) {
  return async (e: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    let shown = explain(e);
    if (!shown) {
      const ref = randomBytes(4).toString("hex");
      rt.logger.error({ ref, err: e, url: request.url.split("?")[0] }, "console request failed");
      shown = { status: 500, heading: "Something went wrong", text: `Something went wrong (ref ${ref}); nothing was changed. Please try again, or tell the secretariat the ref.` };
    }
    // A request that was cut off mid-upload may have left its body unread: close the connection.
    if (shown.status === 413) reply.header("connection", "close");
    return page(request, reply, "message.eta", { title: shown.heading, heading: shown.heading, text: shown.text }, shown.status);
  };
}
