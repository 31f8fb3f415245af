/** The console's messenger: proactive messages are printed (or handed to a sink, for the CLI). */
import type { Messenger, OutgoingMessage, SendResult } from "../../src/core/messenger.ts";
import type { SentMessage } from "../../src/cli/adapter-kit.ts";

export class ConsoleMessenger implements Messenger {
  readonly platform = "console" as const;
  private readonly sink: (m: SentMessage) => void;
  constructor(sink: (m: SentMessage) => void) {
    this.sink = sink;
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    this.sink({ key: message.key, to: message.to, replies: message.replies });
    return { ok: true, platformRef: `console:${message.key}` };
  }
}
