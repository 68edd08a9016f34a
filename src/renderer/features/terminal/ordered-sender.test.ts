import { describe, expect, it } from 'vitest';
import { createOrderedSender } from './ordered-sender';

describe('ordered sender', () => {
  it('sends one call at a time and joins what was typed meanwhile', async () => {
    const calls: string[] = [];
    const releases: Array<() => void> = [];
    const sender = createOrderedSender(
      (data) =>
        new Promise<void>((resolve) => {
          calls.push(data);
          releases.push(resolve);
        }),
    );
    sender.push('a');
    sender.push('b');
    sender.push('c');
    expect(calls).toEqual(['a']);
    releases.shift()?.();
    await new Promise<void>((r) => queueMicrotask(r));
    await Promise.resolve();
    expect(calls).toEqual(['a', 'bc']);
  });

  it('splits long input into chunks no larger than the limit', async () => {
    const calls: string[] = [];
    const done = new Promise<void>((resolve) => {
      const sender = createOrderedSender(async (data) => {
        calls.push(data);
        if (calls.join('').length === 10) resolve();
      }, 4);
      sender.push('0123456789');
    });
    await done;
    expect(calls).toEqual(['0123', '4567', '89']);
  });

  it('drops pending input when a send fails', async () => {
    const calls: string[] = [];
    let fail: (e: Error) => void = () => {};
    const sender = createOrderedSender(
      (data) =>
        new Promise((_resolve, reject) => {
          calls.push(data);
          fail = reject;
        }),
    );
    sender.push('x');
    sender.push('y');
    fail(new Error('exited'));
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toEqual(['x']);
    sender.push('z');
    expect(calls).toEqual(['x', 'z']);
  });
});
