import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../shared/contract/events';
import type { Session, SessionStatus } from '../../shared/contract/sessions';
import { EventBus } from '../events/event-bus';
import { AttentionTracker } from './attention';

const session = (id: string, status: SessionStatus, title = `Task ${id}`) =>
  ({
    id,
    workspaceId: `w-${id}`,
    title,
    status,
    statusReason: null,
    pendingPermissions: [],
  }) as unknown as Session;

function tracker(initial: Session[] = []) {
  const bus = new EventBus();
  let clock = 0;
  const attention = new AttentionTracker({
    onEvent: (listener) => bus.on(listener),
    sessions: () => initial,
    now: () => ++clock,
  });
  const raised: string[] = [];
  attention.onChange((_items, item) => raised.push(item ? `${item.sessionId}:${item.kind}` : 'left'));
  const change = (s: Session) => bus.publish({ type: 'session.changed', session: s } as DomainEvent);
  return { attention, change, raised, bus };
}

describe('AttentionTracker', () => {
  it('lists sessions that ask for permission, finish a turn or fail, newest first', () => {
    const { attention, change, raised } = tracker();
    change(session('a', 'RUNNING'));
    change(session('b', 'RUNNING'));
    change(session('a', 'AWAITING_PERMISSION'));
    change(session('b', 'IDLE'));
    change(session('c', 'STARTING'));
    change(session('c', 'ERROR'));
    expect(attention.list().map((i) => [i.sessionId, i.kind])).toEqual([
      ['c', 'error'],
      ['b', 'finished'],
      ['a', 'permission'],
    ]);
    expect(raised).toEqual(['a:permission', 'b:finished', 'c:error']);
    expect(attention.list()[0]).toMatchObject({ workspaceId: 'w-c', title: 'Task c failed' });
  });

  it('drops a session when its status moves on, and a finished one when the user opens it', () => {
    const { attention, change, raised } = tracker();
    change(session('a', 'RUNNING'));
    change(session('a', 'AWAITING_PERMISSION'));
    change(session('a', 'AWAITING_PERMISSION', 'renamed'));
    change(session('a', 'RUNNING'));
    expect(attention.list()).toEqual([]);
    change(session('a', 'IDLE'));
    attention.seen('a');
    expect(attention.list()).toEqual([]);
    expect(raised).toEqual(['a:permission', 'left', 'a:finished', 'left']);
  });

  it('keeps a question or a failure when the user only looks at it', () => {
    const { attention, change } = tracker();
    change(session('a', 'RUNNING'));
    change(session('a', 'ERROR'));
    attention.seen('a');
    expect(attention.list().map((i) => i.kind)).toEqual(['error']);
  });

  it('starts with what is still waiting, not with turns that finished before a restart', () => {
    const { attention } = tracker([
      session('a', 'AWAITING_PERMISSION'),
      session('b', 'IDLE'),
      session('c', 'ERROR'),
    ]);
    expect(
      attention
        .list()
        .map((i) => `${i.sessionId}:${i.kind}`)
        .sort(),
    ).toEqual(['a:permission', 'c:error']);
  });

  it('stops listening when disposed', () => {
    const { attention, change, bus } = tracker();
    attention.dispose();
    expect(bus.subscriberCount).toBe(0);
    change(session('a', 'ERROR'));
    expect(attention.list()).toEqual([]);
  });
});
