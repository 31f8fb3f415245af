/**
 * What an activity must carry before anything acts on it. The SDK's own schema makes almost
 * every field optional, so an activity without a conversation was answered 200, reached the core
 * and crashed inside the SDK (issue 16, item 5). Checked at the endpoint: a refused activity gets
 * 400 and nothing is stored or sent.
 */
import { z } from "zod";

const Account = z.object({ id: z.string().min(1).max(512), name: z.string().max(512).optional() }).passthrough();

/** The fields every Teams activity has (Bot Framework protocol), with bounds. */
export const IncomingActivity = z
  .object({
    type: z.string().min(1).max(64),
    id: z.string().max(512).optional(),
    channelId: z.string().min(1).max(64),
    serviceUrl: z.string().min(1).max(2048),
    conversation: z.object({ id: z.string().min(1).max(1024) }).passthrough(),
    from: Account,
    recipient: Account,
    text: z.string().max(100_000).optional(),
  })
  .passthrough();

/** Null when the body is an activity we can act on, else what is wrong with it (for the 400 and the log). */
export function activityProblem(body: unknown): string | null {
  const parsed = IncomingActivity.safeParse(body);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0]!;
  return `${issue.path.join(".") || "activity"}: ${issue.message}`;
}
