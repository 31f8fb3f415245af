/**
 * Bolt listeners: each turns a Slack payload into an IncomingMessage (inbound.ts), hands it to the
 * core's one entry, and posts the replies where Slack expects them. No keyword routing here: every
 * text goes to the core as typed.
 */
import type { App, BlockAction, ButtonAction, Context, MessageShortcut, ViewSubmitAction } from "@slack/bolt";
import type { Form, Reply } from "../../src/core/reply.ts";
import type { IncomingMessage } from "../../src/core/message.ts";
import type { Logger } from "../../src/log/logger.ts";
import type { SlackDirectory } from "./directory.ts";
import { InputError } from "../../src/core/errors.ts";
import { fromButton, fromFormSubmission, fromHomeOpened, fromMessage, fromMessageShortcut, fromSlashCommand, type SlackDownload, type SlackFile } from "./inbound.ts";
import { errorsForSlack, FORM_CALLBACK, FormMeta, formToModal, valuesFromState } from "./modal.ts";
import { ACTION, renderReply, renderViewBlocks } from "./render.ts";
import { firstForm, postReplies, postToResponseUrl, respondReplies, type ReplyContext } from "./send-replies.ts";
import { stashForms } from "./stash.ts";
import { firstRequest } from "./request-guard.ts";
import { QueueFullError } from "./work-queue.ts";

/** What a user is told when the work queue is full (issue 13 item 9); nothing was run. */
export const BUSY_TEXT = "The bot is busy right now and did not run this. Try again in a minute.";

/** What the listeners use besides Bolt. */
export interface ListenerDeps extends ReplyContext {
  directory: SlackDirectory;
  /** the core: replies for one message, proactive messages it caused sent in the background */
  handle(input: IncomingMessage): Promise<Reply[]>;
  now(): Date;
  logger: Logger;
  /** runs the work after an ack, a few at a time (work-queue.ts); rejects with QueueFullError when full */
  afterAck<T>(work: () => Promise<T>): Promise<T>;
  /** true when afterAck would refuse new work */
  busy(): boolean;
}

export function registerListeners(app: App, d: ListenerDeps): void {
  // Slack serves shared files to the bot's token only; the token goes to Slack's own hosts (or
  // the API stand-in a test configured), never to a URL from elsewhere.
  const apiHost = new URL(d.client.slackApiUrl).hostname;
  const download: SlackDownload = async (url) => {
    const host = new URL(url).hostname;
    if (!(host === "files.slack.com" || host.endsWith(".slack.com") || host === apiHost)) throw new InputError("That file is not on Slack: share the document in the message itself.");
    const res = await d.fetch(url, { headers: { authorization: `Bearer ${d.client.token ?? ""}` } });
    if (!res.ok) throw new InputError(`Slack did not hand over the file (HTTP ${res.status}): share it again, or ask the administrator to grant the bot files:read.`);
    return new Uint8Array(await res.arrayBuffer());
  };

  /** Events Slack delivered before (a retry after a slow ack, or to another copy) are not run twice. */
  const firstTime = async (body: { event_id?: string }) => !body.event_id || (await d.stash.claimOnce("event", body.event_id));
  /**
   * A signed request sent again (a replay) runs nothing. Asked after the ack and before any work:
   * it is a write to the store, and on the ack path acks queued behind it (request-guard.ts).
   */
  const notReplayed = (context: Context) => firstRequest(d.stash, context.requestKey as string | undefined);
  /**
   * Runs work through the queue, once per signed request; when the queue is full, `busy` says so
   * instead (nothing was run). The replay check runs in the work's slot, so the wait for it is bounded too.
   */
  const queued = async (context: Context, work: () => Promise<void>, busy: () => Promise<unknown> = async () => undefined) => {
    try {
      await d.afterAck(async () => {
        if (await notReplayed(context)) await work();
      });
    } catch (e) {
      if (!(e instanceof QueueFullError)) throw e;
      d.logger.warn("slack work queue full: told the user the bot is busy");
      await busy();
    }
  };
  const busyTo = (responseUrl: string | undefined) => async () => {
    if (responseUrl) await postToResponseUrl(d, responseUrl, { response_type: "ephemeral", replace_original: false, text: BUSY_TEXT });
  };

  // /wp …: ack at once (Slack waits 3 s), answer through the response_url. A full queue is said in
  // the ack itself: no Web API call, and the user knows at once to try again.
  app.command(/.+/, async ({ command, ack, context }) => {
    if (d.busy()) {
      await ack({ response_type: "ephemeral", text: BUSY_TEXT });
      return;
    }
    await ack();
    await queued(context, async () => {
      const user = await d.directory.user(command.user_id, command.channel_id);
      const replies = await d.handle(fromSlashCommand(command, user, d.now()));
      await respondReplies(d, command.response_url, replies, { channel: command.channel_id, user: command.user_id, offerShare: true });
    }, busyTo(command.response_url));
  });

  // @bot … in a channel: answered in the thread of the mention. (With the queue full, the route
  // answers events 503 before Bolt sees them, so Slack sends them again later: app.ts.)
  app.event("app_mention", async ({ event, body, context }) => {
    if (!event.user || !(await firstTime(body))) return;
    const from = event.user;
    await queued(context, async () => {
      const user = await d.directory.user(from);
      const replies = await d.handle(fromMessage(event as typeof event & { files?: SlackFile[] }, context.botUserId, user, d.now(), download));
      await postReplies(d, event.channel, replies, event.thread_ts ?? event.ts);
    });
  });

  // Direct messages to the bot (message.im); edits, joins and bots' messages carry a subtype
  // ("file_share" is a message with a file: "import this" with the document attached).
  app.event("message", async ({ event, body, context }) => {
    if (event.channel_type !== "im" || (event.subtype !== undefined && event.subtype !== "file_share") || "bot_id" in event) return;
    if (!(await firstTime(body))) return;
    await queued(context, async () => {
      const user = await d.directory.user(event.user, event.channel);
      const replies = await d.handle(fromMessage(event as typeof event & { text?: string; files?: SlackFile[] }, context.botUserId, user, d.now(), download));
      await postReplies(d, event.channel, replies);
    });
  });

  // The App Home tab: the core's `home` command, published as the user's view.
  app.event("app_home_opened", async ({ event, body, context }) => {
    if (event.tab !== "home" || !(await firstTime(body))) return;
    await queued(context, async () => {
      const user = await d.directory.user(event.user, event.channel);
      const replies = await d.handle(fromHomeOpened(event.channel, user, d.now()));
      const formRef = await stashForms(d.stash, replies);
      await d.client.views.publish({ user_id: event.user, view: { type: "home", blocks: renderViewBlocks(replies, undefined, { formRef }) } });
    });
  });

  // A command button: the same as typing the command.
  app.action<BlockAction<ButtonAction>>(new RegExp(`^${ACTION.command}:`), async ({ ack, body, action, context }) => {
    await ack();
    await queued(context, async () => {
      const channel = body.channel?.id;
      const user = await d.directory.user(body.user.id, channel);
      const input = fromButton(action.value, channel, user, d.now());
      if (!input) return;
      const replies = await d.handle(input);
      if (body.response_url) {
        await respondReplies(d, body.response_url, replies, { ...(channel ? { channel } : {}), user: body.user.id, offerShare: false });
        return;
      }
      // From the App Home (no message to answer under): a form opens at once, anything else by DM.
      const form = firstForm(replies);
      if (form && body.trigger_id) {
        await d.client.views.open({ trigger_id: body.trigger_id, view: formToModal(form) });
        return;
      }
      await postReplies(d, await d.messenger.channelFor({ kind: "user", id: body.user.id }), replies);
    }, busyTo(body.response_url));
  });

  // "Open: …" under a form: the modal, with the form's command and context in private_metadata.
  app.action<BlockAction<ButtonAction>>(new RegExp(`^${ACTION.form}:`), async ({ ack, body, action, context }) => {
    await ack();
    if (!(await notReplayed(context))) return;
    const form = action.value ? await d.stash.get<Form>("form", action.value) : null;
    if (!form) {
      if (body.response_url) await postToResponseUrl(d, body.response_url, { response_type: "ephemeral", replace_original: false, text: "This form has expired. Run the command again to get a fresh one." });
      return;
    }
    const origin = { ...(body.response_url ? { responseUrl: body.response_url } : {}), ...(body.channel?.id ? { channel: body.channel.id } : {}) };
    await d.client.views.open({ trigger_id: body.trigger_id, view: formToModal(form, origin) });
  });

  // "Post to channel" under a shared answer: the same answer, visible to the channel.
  app.action<BlockAction<ButtonAction>>(ACTION.share, async ({ ack, body, action, context }) => {
    await ack();
    if (!body.response_url || !(await notReplayed(context))) return;
    const saved = action.value ? await d.stash.get<{ reply: Reply }>("share", action.value) : null;
    if (!saved) {
      await postToResponseUrl(d, body.response_url, { response_type: "ephemeral", replace_original: false, text: "That answer has expired. Ask again to share it." });
      return;
    }
    const formRef = await stashForms(d.stash, [saved.reply]);
    for (const m of renderReply(saved.reply, { formRef }).messages) {
      await postToResponseUrl(d, body.response_url, { response_type: "in_channel", replace_original: false, text: m.text, blocks: m.blocks });
    }
    await postToResponseUrl(d, body.response_url, { delete_original: true });
  });

  // Message shortcuts ("Ask the secretariat" on a message): the message's text as the argument.
  app.shortcut<MessageShortcut>({ type: "message_action" }, async ({ ack, shortcut, context }) => {
    await ack();
    await queued(context, async () => {
      const user = await d.directory.user(shortcut.user.id, shortcut.channel.id);
      const input = fromMessageShortcut(shortcut.callback_id, shortcut.message, shortcut.channel.id, user, d.now());
      if (!input) return;
      const replies = await d.handle(input);
      await respondReplies(d, shortcut.response_url, replies, { channel: shortcut.channel.id, user: shortcut.user.id, offerShare: false });
    }, busyTo(shortcut.response_url));
  });

  // A submitted modal: field errors stay in the modal; otherwise it closes and the answer is posted.
  app.view<ViewSubmitAction>(FORM_CALLBACK, async ({ ack, body, view, context }) => {
    const blockIds = view.blocks.map((b) => b.block_id).filter((id): id is string => Boolean(id));
    let meta;
    try {
      meta = FormMeta.safeParse(JSON.parse(view.private_metadata || "{}"));
    } catch {
      meta = undefined;
    }
    if (!meta?.success) {
      await ack({ response_action: "errors", errors: errorsForSlack({ _: "This form is out of date. Close it and run the command again." }, blockIds) });
      return;
    }
    // The answer decides the ack (errors stay in the modal), so a submission is not queued; when
    // the queue is full the modal stays open with what was typed, saying so.
    if (d.busy()) {
      await ack({ response_action: "errors", errors: errorsForSlack({ _: BUSY_TEXT }, blockIds) });
      return;
    }
    if (!(await notReplayed(context))) {
      await ack();
      return;
    }
    const user = await d.directory.user(body.user.id);
    const values = valuesFromState(view.state.values as Parameters<typeof valuesFromState>[0]);
    const replies = await d.handle(fromFormSubmission(meta.data, values, user, d.now()));
    const rejected = replies.find((r) => r.fieldErrors && Object.keys(r.fieldErrors).length > 0);
    if (rejected?.fieldErrors) {
      await ack({ response_action: "errors", errors: errorsForSlack(rejected.fieldErrors, blockIds) });
      return;
    }
    await ack();
    if (meta.data.r) {
      await respondReplies(d, meta.data.r, replies, { ...(meta.data.ch ? { channel: meta.data.ch } : {}), user: body.user.id, offerShare: false });
    } else {
      await postReplies(d, await d.messenger.channelFor({ kind: "user", id: body.user.id }), replies);
    }
  });

  // The last stop: logged with the payload kind, never shown to a user as a stack trace.
  app.error(async (error) => {
    d.logger.error({ err: error.message, code: (error as { code?: string }).code }, "slack listener failed");
  });
}
