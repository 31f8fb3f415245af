/**
 * Replies → one Teams message activity: a card per reply, then the files. One activity per
 * message means one connector call, so a send is all or nothing (a retry after a 429 cannot
 * repeat half of it). `summary` is what notifications and the chat list show.
 */
import { Activity, ActivityTypes, type Attachment } from "@microsoft/agents-activity";
import type { Reply } from "../../src/core/reply.ts";
import { ADAPTIVE_CARD_CONTENT_TYPE, cardText, renderCard } from "./render.ts";

/** Where the delivery key travels: Teams keeps channelData with the message and ignores keys it does not know. */
export const DELIVERY_KEY_FIELD = "secretariatDeliveryKey";

/**
 * The message activity for `replies`, with the outbox key when it is a proactive delivery. Built
 * directly rather than through `Activity.fromObject`: the SDK validates every activity it sends
 * anyway, and a second schema pass over a large card is the dearest step of a turn.
 */
export function messageActivity(replies: Reply[], extra: Attachment[] = [], deliveryKey?: string): Activity {
  const attachments: Attachment[] = replies.map((r) => ({ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: renderCard(r) }));
  attachments.push(...extra);
  const activity = new Activity(ActivityTypes.Message);
  // The SDK's schema refuses an empty summary: a message of files alone has none.
  const summary = cardText(replies.map((r) => r.summary).filter(Boolean).join(" · ").slice(0, 300));
  if (summary) activity.summary = summary;
  activity.attachmentLayout = "list";
  activity.attachments = attachments;
  if (deliveryKey) activity.channelData = { [DELIVERY_KEY_FIELD]: deliveryKey };
  return activity;
}
