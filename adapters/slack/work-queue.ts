/**
 * Runs the work that follows an ack a few at a time. Acks are cheap and Slack waits for them
 * (3 s, or it retries); the core's work after them is not. Left unbounded, hundreds of half-done
 * commands interleave on the event loop and every new request's ack waits behind them; bounded,
 * a burst queues here and the acks stay quick.
 */
export class WorkQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  private readonly concurrency: number;

  constructor(concurrency: number) {
    this.concurrency = concurrency;
  }

  /** Runs `work` when a slot is free; resolves with its result. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) await new Promise<void>((r) => this.waiting.push(r));
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  /** Work waiting for a slot. */
  get backlog(): number {
    return this.waiting.length;
  }
}
