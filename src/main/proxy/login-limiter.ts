export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 10 * 60 * 1000;
export const LOCKOUT_MS = 10 * 60 * 1000;

export type LoginGate = { ok: true } | { ok: false; retryAfterMs: number };

interface AddressRecord {
  failures: number[];
  lockedUntil: number;
}

/**
 * Failed sign-ins per client address: MAX_FAILURES within FAILURE_WINDOW_MS lock that address out for
 * LOCKOUT_MS. A success clears the address's failures. Old records are pruned as addresses are seen.
 */
export class LoginLimiter {
  private readonly records = new Map<string, AddressRecord>();

  constructor(private readonly now: () => number) {}

  /** Whether `address` may try a password now. */
  check(address: string): LoginGate {
    this.prune();
    const lockedUntil = this.records.get(address)?.lockedUntil ?? 0;
    const now = this.now();
    return lockedUntil > now ? { ok: false, retryAfterMs: lockedUntil - now } : { ok: true };
  }

  /** Records a wrong password; returns the lockout it started, if it did. */
  fail(address: string): LoginGate {
    const now = this.now();
    const record = this.records.get(address) ?? { failures: [], lockedUntil: 0 };
    record.failures = [...record.failures.filter((t) => t > now - FAILURE_WINDOW_MS), now];
    if (record.failures.length >= MAX_FAILURES) {
      record.failures = [];
      record.lockedUntil = now + LOCKOUT_MS;
    }
    this.records.set(address, record);
    return this.check(address);
  }

  succeed(address: string): void {
    this.records.delete(address);
  }

  private prune(): void {
    const now = this.now();
    for (const [address, record] of this.records) {
      const recent = record.failures.some((t) => t > now - FAILURE_WINDOW_MS);
      if (!recent && record.lockedUntil <= now) this.records.delete(address);
    }
  }
}
