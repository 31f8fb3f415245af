/** One bot process that ticks once at --now against DATABASE_URL, sending to the recorder at RECORDER_URL. */
import { loadConfig } from "../../src/config/index.ts";
import { createLogger } from "../../src/log/logger.ts";
import { Dispatcher } from "../../src/outbox/dispatcher.ts";
import { reminderPlanner } from "../../src/reminders/reminder-planner.ts";
import { runTick } from "../../src/scheduler/tick.ts";
import { openRuntime } from "../../src/runtime/open-runtime.ts";
import { HttpRecorderMessenger } from "./http-recorder-messenger.ts";

const now = new Date(process.argv[2]!);
const rt = await openRuntime(loadConfig(), createLogger("silent"));
const dispatcher = new Dispatcher(rt.store, [new HttpRecorderMessenger(process.env.RECORDER_URL!)], rt.logger);
process.stdout.write("ticking\n");
await runTick({ store: rt.store, logger: rt.logger }, dispatcher, now, [reminderPlanner]);
await rt.close();
process.exit(0);
