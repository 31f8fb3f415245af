/**
 * Answers to an interaction, posted where Slack expects them: in a thread or DM (chat.postMessage),
 * through a response_url (ephemeral, for slash commands and buttons), or as a modal (views.open).
 */
import type { webApi } from "@slack/bolt";
import type { FileRef, Form, Reply } from "../../src/core/reply.ts";
import type { Logger } from "../../src/log/logger.ts";
import { uploadFile, type SlackMessenger } from "./messenger.ts";
import { renderReply } from "./render.ts";
import { stashForms, type SlackStash } from "./stash.ts";

/** What the helpers need. */
export interface ReplyContext {
  client: webApi.WebClient;
  stash: SlackStash;
  messenger: SlackMessenger;
  logger: Logger;
  /** POSTs a payload to a response_url (Bolt's respond, or our own for modals) */
  fetch: typeof fetch;
}

/** Posts replies into a conversation, in a thread when `threadTs` is given. */
export async function postReplies(ctx: ReplyContext, channel: string, replies: Reply[], threadTs?: string): Promise<void> {
  const formRef = await stashForms(ctx.stash, replies);
  for (const r of replies) {
    const out = renderReply(r, { formRef });
    for (const m of out.messages) {
      await ctx.client.chat.postMessage({ channel, text: m.text, blocks: m.blocks, unfurl_links: false, ...(threadTs ? { thread_ts: threadTs } : {}) });
    }
    for (const f of out.files) await uploadFile(ctx.client, channel, f, threadTs);
  }
}

/**
 * Answers through a response_url: personal answers ephemeral; shared ones with a "Post to
 * channel" button. Files go to the channel, or to the user's DM when the bot is not in it.
 */
export async function respondReplies(
  ctx: ReplyContext,
  responseUrl: string,
  replies: Reply[],
  where: { channel?: string; user: string; offerShare: boolean },
): Promise<void> {
  const formRef = await stashForms(ctx.stash, replies);
  for (const r of replies) {
    const shareToken = where.offerShare && r.visibility === "shared" && r.tone !== "error" ? await ctx.stash.put("share", { reply: r }) : undefined;
    const out = renderReply(r, { formRef, ...(shareToken ? { shareToken } : {}) });
    for (const m of out.messages) await postToResponseUrl(ctx, responseUrl, { response_type: "ephemeral", replace_original: false, text: m.text, blocks: m.blocks });
    for (const f of out.files) await uploadWherePossible(ctx, f, where.channel, where.user);
  }
}

/** POSTs JSON to a response_url; Slack answers 200 "ok" or an error text. */
export async function postToResponseUrl(ctx: ReplyContext, url: string, payload: Record<string, unknown>): Promise<void> {
  const res = await ctx.fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload) });
  if (!res.ok) ctx.logger.warn({ status: res.status }, "response_url refused the answer");
}

async function uploadWherePossible(ctx: ReplyContext, f: FileRef, channel: string | undefined, user: string): Promise<void> {
  if (channel) {
    try {
      return await uploadFile(ctx.client, channel, f);
    } catch (e) {
      ctx.logger.info({ err: (e as Error).message }, "file upload to the channel refused; sending it by DM");
    }
  }
  await uploadFile(ctx.client, await ctx.messenger.channelFor({ kind: "user", id: user }), f);
}

/** The first form in some replies (a button press from the App Home opens it at once). */
export function firstForm(replies: Reply[]): Form | undefined {
  for (const r of replies) for (const b of r.blocks) if (b.type === "form") return b.form;
  return undefined;
}
