/**
 * An async iterator a test feeds by hand, standing in for a subscription's stream: `next()` waits for the
 * next `push`; `fail` makes the waiting (or next) read reject, as a dropped transport does.
 */
export class PushStream<T> implements AsyncIterator<T> {
  private readonly queue: T[] = [];
  private waiting: { resolve: (r: IteratorResult<T>) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;
  /** How many items were read: a test waits on this receipt instead of sleeping. */
  read = 0;

  push(...items: T[]): void {
    for (const item of items) {
      if (this.waiting) {
        this.read++;
        this.waiting.resolve({ value: item, done: false });
        this.waiting = null;
      } else this.queue.push(item);
    }
  }

  fail(error = new Error('transport closed')): void {
    this.failure = error;
    this.waiting?.reject(error);
    this.waiting = null;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.queue.length) {
      this.read++;
      return Promise.resolve({ value: this.queue.shift() as T, done: false });
    }
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}
