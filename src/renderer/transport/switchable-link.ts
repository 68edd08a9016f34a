import { type ClientLink, type ClientOptions, ORPCError } from '@orpc/client';

type AnyLink = ClientLink<Record<never, never>>;

/**
 * The one client's link. The underlying link is replaced on every (re)connect; a call made while
 * connecting waits for the next link (up to `waitMs`), so a view that mounts early still gets its answer.
 */
export class SwitchableLink implements AnyLink {
  private current: AnyLink | null = null;
  private waiters = new Set<() => void>();

  constructor(private readonly waitMs = 10_000) {}

  set(link: AnyLink | null): void {
    this.current = link;
    if (!link) return;
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }

  /** Clears the link only if it is still `link` (a stopped connection must not unset its successor's). */
  release(link: AnyLink): void {
    if (this.current === link) this.current = null;
  }

  get connected(): boolean {
    return this.current !== null;
  }

  async call(path: readonly string[], input: unknown, options: ClientOptions<Record<never, never>>) {
    const link = this.current ?? (await this.waitForLink(options.signal));
    return link.call(path, input, options);
  }

  private waitForLink(signal: AbortSignal | undefined): Promise<AnyLink> {
    return new Promise((resolve, reject) => {
      const done = (error?: unknown) => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        signal?.removeEventListener('abort', onAbort);
        if (error || !this.current) reject(error ?? notConnected());
        else resolve(this.current);
      };
      const wake = () => done();
      const onAbort = () => done(signal?.reason);
      const timer = setTimeout(() => done(notConnected()), this.waitMs);
      this.waiters.add(wake);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

function notConnected() {
  return new ORPCError('UNAVAILABLE', {
    message: 'Not connected to Factory Factory',
    data: { reason: 'offline' },
  });
}
