/** The adapter kit handed to the CLI: console chat and messenger, and the platform servers. */
import type { AdapterKit, RunningServers } from "../src/cli/adapter-kit.ts";
import type { Runtime } from "../src/runtime/open-runtime.ts";
import { runConsoleChat } from "./console/index.ts";
import { ConsoleMessenger } from "./console/messenger.ts";

/** Starts the platform servers whose credentials are configured. */
async function startServers(_rt: Runtime): Promise<RunningServers> {
  return { started: [], messengers: [], stop: async () => undefined };
}

export const adapterKit: AdapterKit = {
  consoleMessenger: (sink) => new ConsoleMessenger(sink),
  runConsoleChat,
  startServers,
};
