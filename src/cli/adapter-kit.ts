/**
 * The port through which the CLI reaches the platform adapters without importing them (src/ never
 * imports adapters/). bin/secretariat.js passes the real kit in.
 */
import type { Clock } from "../core/clock.ts";
import type { Messenger } from "../core/messenger.ts";
import type { Dispatcher } from "../outbox/dispatcher.ts";
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
  /** the process's one dispatcher: every mounted messenger and those passed to startServers */
  dispatcher: Dispatcher;
  stop(): Promise<void>;
}

/** What prints into a running console chat, above its prompt (which is drawn again after it). */
export interface ConsoleScreen {
  /** text, e.g. a reminder the scheduler posted to a console channel */
  print(text: string): void;
  /** one of the logger's JSON lines, shown as a line of text */
  log(jsonLine: string): void;
}

export interface ConsoleChatOptions {
  user: string;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** called once the chat is open, with the way to print into it */
  attach?(screen: ConsoleScreen): void;
  /** the process's dispatcher, holding a console messenger already; without one the chat builds its own */
  dispatcher?: Dispatcher;
}

export interface AdapterKit {
  /** a console messenger that hands each message it "sends" to `sink` */
  consoleMessenger(sink: (m: SentMessage) => void): Messenger;
  /** the interactive console chat; resolves when the user quits */
  runConsoleChat(runtime: Runtime, options: ConsoleChatOptions): Promise<void>;
  /** messengers of the configured chat platforms, without serving anything (for one-shot ticks) */
  platformMessengers(runtime: Runtime): Promise<Messenger[]>;
  /**
   * Slack and Teams servers for whichever credentials are configured (none: nothing started);
   * `messengers` join the one dispatcher; `clock` (default the real one) is when a message arrives.
   */
  startServers(runtime: Runtime, options?: { messengers?: Messenger[]; clock?: Clock }): Promise<RunningServers>;
}
