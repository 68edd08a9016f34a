/** Time as Ratchet sees it: injected, so tests drive the scheduler without sleeping. */
export interface RatchetClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: RatchetClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const timer = setTimeout(fn, ms);
    timer.unref();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * When each workspace is checked next: one timer, armed for the earliest. When it fires, every workspace due
 * by then goes to `run` together (so their pull requests are read in one request); `run` sets their next
 * time. A run still going when the timer fires again is waited for, never overlapped.
 */
export class RatchetScheduler {
  private readonly due = new Map<string, number>();
  private timer: unknown = null;
  private running: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(
    private readonly clock: RatchetClock,
    private readonly run: (workspaceIds: string[]) => Promise<void>,
  ) {}

  /** Checks `workspaceId` at `at` (epoch ms). */
  schedule(workspaceId: string, at: number): void {
    this.due.set(workspaceId, at);
    this.arm();
  }

  remove(workspaceId: string): void {
    this.due.delete(workspaceId);
    this.arm();
  }

  nextCheckAt(workspaceId: string): number | null {
    return this.due.get(workspaceId) ?? null;
  }

  /** Runs `fn` after the run in progress (if any) and before the next; cycles never overlap. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.running.then(fn, fn);
    this.running = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    if (this.disposed || this.due.size === 0) return;
    const earliest = Math.min(...this.due.values());
    this.timer = this.clock.setTimeout(() => void this.fire(), Math.max(0, earliest - this.clock.now()));
  }

  private async fire(): Promise<void> {
    this.timer = null;
    const now = this.clock.now();
    const ids = [...this.due].filter(([, at]) => at <= now).map(([id]) => id);
    // Not due again until `run` says when: a slow run is not fired twice.
    for (const id of ids) this.due.delete(id);
    if (ids.length) await this.exclusive(() => this.run(ids));
    this.arm();
  }
}

/** At most `max()` tasks at once (read on each start, so a changed setting applies); the rest wait in order. */
export class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly max: () => number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.max()) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      // A finishing task hands its slot straight to the next waiter.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
