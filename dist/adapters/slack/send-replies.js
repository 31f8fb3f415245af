import { uploadFile } from "./messenger.js";
import { renderReply } from "./render.js";
import { stashForms } from "./stash.js";
/** Posts replies into a conversation, in a thread when `threadTs` is given. */
export async function postReplies(ctx, channel, replies, threadTs) {
    const formRef = await stashForms(ctx.stash, replies);
    for (const r of replies) {
        const out = renderReply(r, { formRef });
        for (const m of out.messages) {
            await ctx.client.chat.postMessage({ channel, text: m.text, blocks: m.blocks, unfurl_links: false, ...(threadTs ? { thread_ts: threadTs } : {}) });
        }
        for (const f of out.files)
            await uploadFile(ctx.client, channel, f, threadTs);
    }
}
/**
 * Answers through a response_url: personal answers ephemeral; shared ones with a "Post to
 * channel" button. Files go to the channel, or to the user's DM when the bot is not in it.
 */
export async function respondReplies(ctx, responseUrl, replies, where) {
    const formRef = await stashForms(ctx.stash, replies);
    for (const r of replies) {
        const shareToken = where.offerShare && r.visibility === "shared" && r.tone !== "error" ? await ctx.stash.put("share", { reply: r }) : undefined;
        const out = renderReply(r, { formRef, ...(shareToken ? { shareToken } : {}) });
        for (const m of out.messages)
            await postToResponseUrl(ctx, responseUrl, { response_type: "ephemeral", replace_original: false, text: m.text, blocks: m.blocks });
        for (const f of out.files)
            await uploadWherePossible(ctx, f, where.channel, where.user);
    }
}
/** POSTs JSON to a response_url; Slack answers 200 "ok" or an error text. */
export async function postToResponseUrl(ctx, url, payload) {
    const res = await ctx.fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload) });
    if (!res.ok)
        ctx.logger.warn({ status: res.status }, "response_url refused the answer");
}
async function uploadWherePossible(ctx, f, channel, user) {
    if (channel) {
        try {
            return await uploadFile(ctx.client, channel, f);
        }
        catch (e) {
            ctx.logger.info({ err: e.message }, "file upload to the channel refused; sending it by DM");
        }
    }
    await uploadFile(ctx.client, await ctx.messenger.channelFor({ kind: "user", id: user }), f);
}
/** The first form in some replies (a button press from the App Home opens it at once). */
export function firstForm(replies) {
    for (const r of replies)
        for (const b of r.blocks)
            if (b.type === "form")
                return b.form;
    return undefined;
}
