import type { ContractClient } from '@shared/contract';
import type { Session } from '@shared/contract/sessions';
import { describe, expect, it } from 'vitest';
import { WAKE_DEBOUNCE_MS, wakeCalls, waking } from './wake-on-intent';

function session(patch: Partial<Session> & { state?: Session['process']['state'] } = {}): Session {
  const { state = 'hibernated', ...rest } = patch;
  return {
    id: 's1',
    status: 'IDLE',
    readOnly: false,
    process: { state, pid: null, queuePosition: null },
    ...rest,
  } as Session;
}

function fakeClient(fail = false) {
  const calls: string[] = [];
  const client = {
    sessions: {
      wake: async ({ sessionId }: { sessionId: string }) => {
        calls.push(sessionId);
        if (fail) throw new Error('gone');
        return { waking: true };
      },
    },
  } as unknown as ContractClient;
  return { client, calls };
}

describe('wake on intent', () => {
  it('asks the core once per session while the user keeps showing intent, and again after a while', () => {
    let now = 1000;
    const calls = wakeCalls(() => now);
    const { client, calls: sent } = fakeClient();
    expect(calls.wake(client, session())).toBe(true);
    now += 10;
    expect(calls.wake(client, session())).toBe(false);
    expect(calls.wake(client, session({ id: 's2' }))).toBe(true);
    now += WAKE_DEBOUNCE_MS;
    expect(calls.wake(client, session())).toBe(true);
    expect(sent).toEqual(['s1', 's2', 's1']);
  });

  it('never wakes a deleted, failed, stopped, read-only, live or already waking session', () => {
    const calls = wakeCalls(() => 0);
    const { client, calls: sent } = fakeClient();
    const refused = [
      null,
      session({ status: 'ERROR' }),
      session({ status: 'STOPPED' }),
      session({ readOnly: true }),
      session({ state: 'live' }),
      session({ state: 'starting' }),
      session({ state: 'waiting' }),
      session({ state: 'none' }),
    ];
    for (const s of refused) expect(calls.wake(client, s)).toBe(false);
    expect(sent).toEqual([]);
  });

  it('ignores a failed call (the prompt still wakes the agent)', async () => {
    const { client, calls: sent } = fakeClient(true);
    expect(wakeCalls(() => 0).wake(client, session())).toBe(true);
    await Promise.resolve();
    expect(sent).toEqual(['s1']);
  });

  it('calls a session waking while it is IDLE and its agent waits for a slot or starts', () => {
    expect(waking(session({ state: 'waiting' }))).toBe(true);
    expect(waking(session({ state: 'starting' }))).toBe(true);
    expect(waking(session({ state: 'live' }))).toBe(false);
    expect(waking(session({ state: 'starting', status: 'STARTING' }))).toBe(false);
  });
});
