/**
 * Fault-script messenger: "sends" by POSTing to a loopback recorder that stands in for a chat
 * platform, and — like Slack's message metadata — can be asked whether a key was already sent.
 */
import type { Messenger, OutgoingMessage, Recipient, SendResult } from "../../src/core/messenger.ts";

export class HttpRecorderMessenger implements Messenger {
  readonly platform = "console" as const;
  private readonly base: string;
  constructor(base: string) {
    this.base = base;
  }

  async send(m: OutgoingMessage): Promise<SendResult> {
    const res = await fetch(`${this.base}/send`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ key: m.key, to: m.to.id }) });
    if (res.status === 429) return { ok: false, retryable: true, retryAfterMs: Number(res.headers.get("retry-after") ?? "1") * 1000, error: "429" };
    if (!res.ok) return { ok: false, retryable: res.status >= 500, error: String(res.status) };
    return { ok: true, platformRef: await res.text() };
  }

  async findSent(key: string, _to: Recipient): Promise<string | null> {
    const res = await fetch(`${this.base}/sent?key=${encodeURIComponent(key)}`);
    return res.status === 200 ? await res.text() : null;
  }
}
