/** Items a subscriber may have queued before it is told to resync instead. */
export const FEED_LIMIT = 1_000;

/**
 * One subscriber's bounded queue. A subscriber that falls `limit` items behind loses the queue and gets one
 * `resync` item in its place (made by `resync()`, so it can say where the stream stands), never a silent
 * drop. Iteration ends when `signal` aborts.
 */
export class LiveFeed<T> implements AsyncIterable<T> {
  private queue: T[] = [];
  private wake: (() => void) | null = null;
  private ended = false;

  constructor(
    private readonly resync: () => T,
    signal: AbortSignal | undefined,
    private readonly limit = FEED_LIMIT,
  ) {
    if (signal?.aborted) this.ended = true;
    signal?.addEventListener('abort', () => this.end(), { once: true });
  }

  push(item: T): void {
    if (this.ended) return;
    if (this.queue.length >= this.limit) this.queue = [this.resync()];
    this.queue.push(item);
    this.wake?.();
  }

  /** Queued items (for tests and the bench's details). */
  get size(): number {
    return this.queue.length;
  }

  end(): void {
    this.ended = true;
    this.queue = [];
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    while (!this.ended) {
      const item = this.queue.shift();
      if (item !== undefined) {
        yield item;
        continue;
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      this.wake = null;
    }
  }
}
