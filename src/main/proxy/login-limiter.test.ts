import { describe, expect, it } from 'vitest';
import { FAILURE_WINDOW_MS, LOCKOUT_MS, LoginLimiter, MAX_FAILURES } from './login-limiter';

describe('LoginLimiter', () => {
  it('locks an address out after 5 failures within 10 minutes, for 10 minutes, and not others', () => {
    let now = 0;
    const limiter = new LoginLimiter(() => now);
    for (let i = 1; i < MAX_FAILURES; i++) {
      expect(limiter.fail('203.0.113.9')).toEqual({ ok: true });
      now += 1000;
    }
    expect(limiter.fail('203.0.113.9')).toEqual({ ok: false, retryAfterMs: LOCKOUT_MS });
    expect(limiter.check('203.0.113.9').ok).toBe(false);
    expect(limiter.check('198.51.100.1')).toEqual({ ok: true });
    now += LOCKOUT_MS - 1;
    expect(limiter.check('203.0.113.9')).toEqual({ ok: false, retryAfterMs: 1 });
    now += 1;
    expect(limiter.check('203.0.113.9')).toEqual({ ok: true });
    // The lockout cleared the count: one more failure does not lock again.
    expect(limiter.fail('203.0.113.9')).toEqual({ ok: true });
  });

  it('forgets failures older than the window', () => {
    let now = 0;
    const limiter = new LoginLimiter(() => now);
    for (let i = 0; i < MAX_FAILURES - 1; i++) limiter.fail('a');
    now += FAILURE_WINDOW_MS + 1;
    expect(limiter.fail('a')).toEqual({ ok: true });
  });

  it('a success clears the address’s failures', () => {
    const limiter = new LoginLimiter(() => 0);
    for (let i = 0; i < MAX_FAILURES - 1; i++) limiter.fail('a');
    limiter.succeed('a');
    expect(limiter.fail('a')).toEqual({ ok: true });
  });
});
