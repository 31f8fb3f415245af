/**
 * One bot process that ticks once at --now against DATABASE_URL, sending to the recorder at
 * RECORDER_URL, then prints how many reminders are still open (pending, or leased by a copy that
 * died: those wait for their lease to run out). FAULT_LEASE_MS shortens the lease (default 120 s).
 */
import { loadConfig } from "../../src/config/index.ts";
import { createLogger } from "../../src/log/logger.ts";
import { Dispatcher } from "../../src/outbox/dispatcher.ts";
import { reminderPlanner } from "../../src/reminders/reminder-planner.ts";
import { runTick } from "../../src/scheduler/tick.ts";
import { openRuntime } from "../../src/runtime/open-runtime.ts";
import { HttpRecorderMessenger } from "./http-recorder-messenger.ts";

const now = new Date(process.argv[2]!);
const rt = await openRuntime(loadConfig(), createLogger("silent"));
const leaseMs = process.env.FAULT_LEASE_MS ? Number(process.env.FAULT_LEASE_MS) : undefined;
const dispatcher = new Dispatcher(rt.store, [new HttpRecorderMessenger(process.env.RECORDER_URL!)], rt.logger, leaseMs ? { leaseMs } : {});
process.stdout.write("ticking\n");
await runTick({ store: rt.store, logger: rt.logger }, dispatcher, now, [reminderPlanner]);
const open = await rt.store.db.delivery.count({ where: { kind: "reminder", status: { in: ["pending", "sending"] } } });
process.stdout.write(`open ${open}\n`);
await rt.close();
process.exit(0);
