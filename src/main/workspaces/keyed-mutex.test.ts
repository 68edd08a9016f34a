import { describe, expect, it } from 'vitest';
import { KeyedMutex } from './keyed-mutex';

/** A promise with its resolver, so a test decides when a task finishes. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe('KeyedMutex', () => {
  it('runs tasks of one key one at a time, in the order they came', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const first = gate();
    const a = mutex.run('repo', async () => {
      log.push('a start');
      await first.promise;
      log.push('a end');
      return 'a';
    });
    const b = mutex.run('repo', async () => {
      log.push('b');
      return 'b';
    });
    const c = mutex.run('repo', async () => {
      log.push('c');
      return 'c';
    });
    await Promise.resolve();
    expect(log).toEqual(['a start']);
    first.open();
    expect(await Promise.all([a, b, c])).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a start', 'a end', 'b', 'c']);
  });

  it('releases the key when a task throws, and hands the error to its caller only', async () => {
    const mutex = new KeyedMutex();
    const failing = mutex.run('repo', async () => {
      throw new Error('git failed');
    });
    const next = mutex.run('repo', async () => 'next ran');
    await expect(failing).rejects.toThrow('git failed');
    await expect(next).resolves.toBe('next ran');
  });

  it('runs different keys in parallel', async () => {
    const mutex = new KeyedMutex();
    const held = gate();
    const log: string[] = [];
    const slow = mutex.run('repo-a', async () => {
      await held.promise;
      log.push('a');
    });
    // Finishes while repo-a's task still waits: keys do not block each other.
    await mutex.run('repo-b', async () => {
      log.push('b');
    });
    expect(log).toEqual(['b']);
    held.open();
    await slow;
    expect(log).toEqual(['b', 'a']);
  });
});
