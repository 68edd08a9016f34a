import { describe, expect, it } from 'vitest';
import { ConcurrencyLimit, type RatchetClock, RatchetScheduler } from './ratchet-scheduler';

/** A clock the test moves by hand: timers fire in order when `advance` passes their time. */
function manualClock() {
  let now = 0;
  let timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let next = 1;
  const clock: RatchetClock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = next++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
  };
  return {
    clock,
    pending: () => timers.length,
    async advance(ms: number) {
      now += ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= now).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        due.fn();
        // Let the run (and the re-arm after it) finish.
        for (let i = 0; i < 10; i++) await Promise.resolve();
      }
    },
  };
}

describe('RatchetScheduler', () => {
  it('checks each workspace at its time, those due together in one run, and re-arms from what the run sets', async () => {
    const { clock, advance } = manualClock();
    const runs: string[][] = [];
    const scheduler: RatchetScheduler = new RatchetScheduler(clock, async (ids) => {
      runs.push([...ids].sort());
      for (const id of ids) scheduler.schedule(id, clock.now() + 60_000);
    });
    scheduler.schedule('a', 60_000);
    scheduler.schedule('b', 60_000);
    scheduler.schedule('c', 90_000);
    await advance(59_999);
    expect(runs).toEqual([]);
    await advance(1);
    expect(runs).toEqual([['a', 'b']]);
    expect(scheduler.nextCheckAt('a')).toBe(120_000);
    await advance(30_000);
    expect(runs).toEqual([['a', 'b'], ['c']]);
    scheduler.remove('c');
    await advance(30_000);
    expect(runs.at(-1)).toEqual(['a', 'b']);
    expect(scheduler.nextCheckAt('c')).toBeNull();
    scheduler.dispose();
  });

  it('never overlaps runs: a check now waits for the timed run in progress', async () => {
    const { clock, advance } = manualClock();
    const order: string[] = [];
    let release = () => {};
    const scheduler = new RatchetScheduler(clock, async () => {
      order.push('timed start');
      await new Promise<void>((r) => {
        release = r;
      });
      order.push('timed end');
    });
    scheduler.schedule('a', 10);
    await advance(10);
    const now = scheduler.exclusive(async () => {
      order.push('check now');
    });
    await Promise.resolve();
    expect(order).toEqual(['timed start']);
    release();
    await now;
    expect(order).toEqual(['timed start', 'timed end', 'check now']);
    scheduler.dispose();
  });

  it('a disposed scheduler arms no timer', async () => {
    const { clock, pending } = manualClock();
    const scheduler = new RatchetScheduler(clock, async () => {});
    scheduler.dispose();
    scheduler.schedule('a', 5);
    expect(pending()).toBe(0);
  });
});

describe('ConcurrencyLimit', () => {
  it('runs at most max tasks at once, the rest in order', async () => {
    const limit = new ConcurrencyLimit(() => 2);
    let running = 0;
    let most = 0;
    const gates: Array<() => void> = [];
    const done: number[] = [];
    const tasks = [0, 1, 2, 3].map((i) =>
      limit.run(async () => {
        running++;
        most = Math.max(most, running);
        await new Promise<void>((r) => gates.push(r));
        running--;
        done.push(i);
      }),
    );
    await Promise.resolve();
    expect(gates).toHaveLength(2);
    while (gates.length) {
      gates.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(tasks);
    expect(most).toBe(2);
    expect(done).toEqual([0, 1, 2, 3]);
  });
});
