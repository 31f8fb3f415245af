/**
 * The port through which the CLI reaches the platform adapters without importing them (src/ never
 * imports adapters/). bin/secretariat.js passes the real kit in.
 */
import type { Messenger } from "../core/messenger.ts";
import type { Reply } from "../core/reply.ts";
import type { Runtime } from "../runtime/open-runtime.ts";
import type { Recipient } from "../core/messenger.ts";

export interface SentMessage {
  key?: string;
  to: Recipient;
  replies: Reply[];
}

export interface RunningServers {
  /** what is listening, for the start-up log line: ["slack http :3000", ...] */
  started: string[];
  /** a chat platform (Slack, Teams) is serving; otherwise `start` also opens the console chat */
  chat: boolean;
  /** messengers of the platforms that are configured */
  messengers: Messenger[];
  stop(): Promise<void>;
}

export interface AdapterKit {
  /** a console messenger that hands each message it "sends" to `sink` */
  consoleMessenger(sink: (m: SentMessage) => void): Messenger;
  /** the interactive console chat; resolves when the user quits */
  runConsoleChat(runtime: Runtime, options: { user: string; input: NodeJS.ReadableStream; output: NodeJS.WritableStream }): Promise<void>;
  /** messengers of the configured chat platforms, without serving anything (for one-shot ticks) */
  platformMessengers(runtime: Runtime): Promise<Messenger[]>;
  /** Slack and Teams servers for whichever credentials are configured (none: nothing started) */
  startServers(runtime: Runtime): Promise<RunningServers>;
}
