import { describe, expect, it } from 'vitest';
import type { Session } from '../../../shared/contract/sessions';
import { PromptQueue } from './prompt-queue';

const prompt = (text: string) => ({ id: text, text, mentions: [], createdAt: 0 });
const texts = (s: Pick<Session, 'queue'>) => s.queue.map((q) => q.text);

describe('PromptQueue', () => {
  it('sends in order, holds on demand, puts later prompts ahead of the held ones, and releases', () => {
    const session = { queue: [], queueHeld: false } as unknown as Session;
    const queue = new PromptQueue(session);
    expect(queue.hold()).toBe(false);
    queue.add(prompt('a'));
    queue.add(prompt('b'));
    expect(queue.sendable).toBe(2);

    expect(queue.hold()).toBe(true);
    expect(session.queueHeld).toBe(true);
    expect(queue.sendable).toBe(0);
    queue.add(prompt('x'));
    queue.add(prompt('y'));
    expect(texts(session)).toEqual(['x', 'y', 'a', 'b']);
    expect(queue.sendable).toBe(2);
    expect(queue.take().text).toBe('x');
    expect(queue.remove('y')).toBe(true);
    expect(queue.sendable).toBe(0);
    expect(queue.remove('y')).toBe(false);

    expect(queue.release()).toBe(true);
    expect(queue.release()).toBe(false);
    expect(queue.sendable).toBe(2);
    expect([queue.take().text, queue.take().text]).toEqual(['a', 'b']);
  });

  it('lifts the hold once the queue is empty, by sending or removing', () => {
    const session = { queue: [], queueHeld: false } as unknown as Session;
    const queue = new PromptQueue(session);
    queue.add(prompt('held'));
    queue.hold();
    queue.add(prompt('ahead'));
    expect(queue.take().text).toBe('ahead');
    expect(session.queueHeld).toBe(true);
    expect(queue.remove('held')).toBe(true);
    expect(session.queueHeld).toBe(false);

    queue.add(prompt('only'));
    queue.hold();
    queue.release();
    queue.take();
    expect(session).toMatchObject({ queue: [], queueHeld: false });
  });
});
