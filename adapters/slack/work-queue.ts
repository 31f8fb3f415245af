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

/**
 * Requests not answered yet. Work waits to start while any are, so that under a burst the loop
 * answers acks first and works after; a wait is cut short after `maxDeferMs`, so a stream of
 * requests that never pauses slows the work down but cannot stop it.
 */
export class AckGate {
  private pending = 0;
  private readonly idle: (() => void)[] = [];

  private readonly maxDeferMs: number;

  constructor(maxDeferMs: number) {
    this.maxDeferMs = maxDeferMs;
  }

  /** A request came in; call the function returned once it is answered. */
  enter(): () => void {
    this.pending++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      if (--this.pending === 0) for (const wake of this.idle.splice(0)) wake();
    };
  }

  /** Resolves when no request is waiting for its answer, or after maxDeferMs. */
  async quiet(): Promise<void> {
    if (this.pending === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        const i = this.idle.indexOf(wake);
        if (i >= 0) this.idle.splice(i, 1);
        resolve();
      }, this.maxDeferMs);
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      this.idle.push(wake);
    });
  }
}

export class WorkQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  private readonly concurrency: number;
  private readonly maxWaiting: number;
  private readonly gate: AckGate | undefined;

  /** `gate`: when given, work starts only once the requests in flight are answered (AckGate). */
  constructor(concurrency: number, maxWaiting: number, gate?: AckGate) {
    this.concurrency = concurrency;
    this.maxWaiting = maxWaiting;
    this.gate = gate;
  }

  /** Runs `work` when a slot is free; resolves with its result. Rejects with QueueFullError, without running it, when full. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.full) throw new QueueFullError();
    if (this.running >= this.concurrency) await new Promise<void>((r) => this.waiting.push(r));
    this.running++;
    try {
      // In its slot, so the bound on waiting work holds while it yields to acks.
      await this.gate?.quiet();
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
