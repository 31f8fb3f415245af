import { Outbox } from "../outbox/outbox.js";
import { textReply } from "../bot/reply.js";
import { planReminders } from "./plan-reminders.js";
export const reminderPlanner = ({ store, logger }, _outbox, now) => planReminders(store, now, logger);
export async function runTick(deps, dispatcher, now, planners) {
    const outbox = new Outbox(deps.store);
    for (const plan of planners) {
        try {
            await plan(deps, outbox, now);
        }
        catch (e) {
            // One failing planner must not stop the others or the sending of what is already recorded.
            deps.logger.error({ err: e }, "planner failed");
        }
    }
    const results = [];
    for (;;) {
        const batch = await dispatcher.dispatchDue({ now, limit: 200 });
        results.push(...batch);
        if (batch.length < 200)
            break;
    }
    const failed = results.filter((r) => r.outcome === "failed");
    if (failed.length) {
        await reportFailures(deps.store, outbox, failed, now);
        results.push(...(await dispatcher.dispatchDue({ now, only: outbox.createdIds })));
    }
    return { results };
}
async function reportFailures(store, outbox, failed, now) {
    for (const f of failed) {
        if (!f.delivery.workingPartyId || f.delivery.kind === "failure-notice")
            continue;
        const channels = await store.db.channelBinding.findMany({ where: { workingPartyId: f.delivery.workingPartyId, purpose: "secretariat" } });
        for (const ch of channels) {
            // Report through another route than the one that failed, if there is one.
            if (ch.platform === f.delivery.platform && ch.channelId === f.delivery.target)
                continue;
            await outbox.enqueue({
                key: `failure:${f.delivery.key}:${ch.id}`,
                kind: "failure-notice",
                platform: ch.platform,
                to: { kind: "channel", id: ch.channelId, ref: ch.conversationRef },
                workingPartyId: f.delivery.workingPartyId,
                dueAt: now,
                replies: [
                    textReply(`A ${f.delivery.kind} could not be delivered to ${f.delivery.targetKind} ${f.delivery.target} on ${f.delivery.platform}: ${f.error ?? "unknown error"}. Check that the channel exists and the bot is still in it.`, "shared"),
                ],
            });
        }
    }
}
