/**
 * Runs the work that follows an ack a few at a time, with a bounded wait. Acks are cheap and Slack
 * waits for them (3 s, or it retries); the core's work after them is not. Left unbounded, hundreds
 * of half-done commands interleave on the event loop and every new request's ack waits behind
 * them; bounded, a burst queues here and the acks stay quick. The wait is bounded too: each waiting
 * command holds its payload and Bolt's context, so 6,000 signed commands in a burst took RSS from
 * 263 to 644 MB (issue 13 item 9). Beyond `maxWaiting` work is refused at once (QueueFullError) and
 * the caller tells the user the bot is busy.
 */
export class QueueFullError extends Error {
  override readonly name = "QueueFullError";
  constructor() {
    super("work queue full");
  }
}

export class WorkQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  private readonly concurrency: number;
  private readonly maxWaiting: number;

  constructor(concurrency: number, maxWaiting: number) {
    this.concurrency = concurrency;
    this.maxWaiting = maxWaiting;
  }

  /** Runs `work` when a slot is free; resolves with its result. Rejects with QueueFullError, without running it, when full. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.full) throw new QueueFullError();
    if (this.running >= this.concurrency) await new Promise<void>((r) => this.waiting.push(r));
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  /** True when new work would be refused: every slot busy and the wait full. */
  get full(): boolean {
    return this.running >= this.concurrency && this.waiting.length >= this.maxWaiting;
  }

  /** Work waiting for a slot. */
  get backlog(): number {
    return this.waiting.length;
  }
}
