/**
 * Tells the secretariat about a delivery that will not go out: refused for good by the platform,
 * or given up after an outage that outlasted the catch-up window. The notice names the kind of
 * failure, because the advice differs: a refused message needs the channel or the bot fixed, an
 * outage needs nothing but patience (and its reminders are named in the next digest).
 */
import { textReply } from "../core/reply.ts";
import type { Store } from "../store/index.ts";
import type { DispatchResult } from "./dispatcher.ts";
import type { Outbox } from "./outbox.ts";
import { secretariatChannels } from "./recipients.ts";

const PLATFORM = { slack: "Slack", teams: "Teams", console: "the console" } as Record<string, string>;

/** The notice's sentence for one failed or given-up delivery. */
export function failureText(f: DispatchResult, windowHours: number): string {
  const d = f.delivery;
  const where = `${d.targetKind} ${d.target} on ${d.platform}`;
  const platform = PLATFORM[d.platform] ?? d.platform;
  const error = f.error ?? "unknown error";
  const named = d.kind === "reminder" || d.kind === "escalation" ? " Its deadlines are named in that channel's next digest." : " Nothing more will be tried; send it again if it still matters.";
  if (f.outcome === "failed")
    return `A ${d.kind} could not be delivered to ${where}: ${error}. ${platform} refused it for good: check that the channel exists and the bot is still in it.`;
  const cause =
    f.errorClass === "rate-limited"
      ? `${platform} kept limiting the rate (${error})`
      : f.errorClass === "network"
        ? `${platform} could not be reached (${error})`
        : f.errorClass === "lookup-failed"
          ? `the bot could not check with ${platform} whether it had already gone out (${error})`
          : `${platform} was unavailable (${error})`;
  return `A ${d.kind} could not be delivered to ${where} within the ${windowHours}-hour catch-up window: ${cause}. It was given up.${named}`;
}

/** Records one notice per failed or given-up delivery and secretariat channel; their ids, to send now. */
export async function reportFailures(store: Store, outbox: Outbox, results: DispatchResult[], now: Date): Promise<number[]> {
  const before = outbox.createdIds.length;
  for (const f of results) {
    if (f.outcome !== "failed" && f.outcome !== "expired") continue;
    const wpId = f.delivery.workingPartyId;
    if (!wpId || f.delivery.kind === "failure-notice") continue;
    const windowHours = (await store.repos.deliveries.catchUpMs(wpId)) / 3600_000;
    for (const ch of await secretariatChannels(store.repos, wpId)) {
      // Report through another route than the one that failed, if there is one.
      if (ch.platform === f.delivery.platform && ch.to.id === f.delivery.target) continue;
      await outbox.enqueue({
        key: `failure:${f.delivery.key}:${ch.id}`,
        kind: "failure-notice",
        platform: ch.platform,
        to: ch.to,
        workingPartyId: wpId,
        dueAt: now,
        replies: [textReply(failureText(f, windowHours), "shared")],
      });
    }
  }
  return outbox.createdIds.slice(before);
}
