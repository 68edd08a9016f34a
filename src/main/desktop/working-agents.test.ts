import { describe, expect, it } from 'vitest';
import type { Session, SessionStatus } from '../../shared/contract/sessions';
import { pauseAll, quitConfirmation, workingSessions } from './working-agents';

const session = (id: string, status: SessionStatus) => ({ id, title: `Task ${id}`, status }) as Session;
const all = [
  session('a', 'RUNNING'),
  session('b', 'IDLE'),
  session('c', 'AWAITING_PERMISSION'),
  session('d', 'STOPPED'),
  session('e', 'STARTING'),
  session('f', 'ERROR'),
];

describe('working agents', () => {
  it('are the starting, running and asking sessions', () => {
    expect(workingSessions(all).map((s) => s.id)).toEqual(['a', 'c', 'e']);
  });

  it('pausing cancels each working session once', () => {
    const cancelled: string[] = [];
    expect(pauseAll(all, (id) => cancelled.push(id))).toBe(3);
    expect(cancelled).toEqual(['a', 'c', 'e']);
  });

  it('quitting asks only when an agent would be interrupted, defaulting to Cancel', () => {
    expect(quitConfirmation([session('b', 'IDLE')])).toBeNull();
    const ask = quitConfirmation(all);
    expect(ask).toMatchObject({
      message: '3 agents are still working. Quit anyway?',
      buttons: ['Quit', 'Cancel'],
    });
    expect(ask?.defaultId).toBe(ask?.cancelId);
    expect(ask?.detail).toContain('• Task c');
    expect(quitConfirmation([session('a', 'RUNNING')])?.message).toBe(
      '1 agent is still working. Quit anyway?',
    );
  });

  it('names five sessions at most', () => {
    const many = Array.from({ length: 7 }, (_, i) => session(String(i), 'RUNNING'));
    expect(quitConfirmation(many)?.detail).toContain('…and 2 more');
  });
});
