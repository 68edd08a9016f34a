import { describe, expect, it } from 'vitest';
import { throttledRefresh } from './refresh-on-focus';

describe('throttledRefresh', () => {
  it('refreshes on the first trigger, skips a burst, and refreshes again after the interval', () => {
    let clock = 1_000;
    let calls = 0;
    const trigger = throttledRefresh(
      () => calls++,
      30_000,
      () => clock,
    );
    trigger();
    trigger();
    clock += 29_999;
    trigger();
    expect(calls).toBe(1);
    clock += 1;
    trigger();
    expect(calls).toBe(2);
  });
});
