import type { ContractClient } from '@shared/contract';
import type { SessionLogEntry } from '@shared/contract/sessions';
import { beforeEach, describe, expect, it } from 'vitest';

/** The stored log the fake `sessions.log` pages through, like the core does (seq > afterSeq, oldest first). */
const stored: SessionLogEntry[] = [];
const calls: Array<{ afterSeq: number; limit: number }> = [];
let gate: Promise<void> = Promise.resolve();

const fakeClient = {
  sessions: {
    log: async ({ afterSeq = 0, limit = 500 }: { sessionId: string; afterSeq?: number; limit?: number }) => {
      calls.push({ afterSeq, limit });
      await gate;
      const after = stored.filter((e) => e.seq > afterSeq);
      return {
        entries: after.slice(0, limit),
        lastSeq: stored.at(-1)?.seq ?? 0,
        hasMore: after.length > limit,
      };
    },
  },
} as unknown as ContractClient;

const { getTranscript, loadOlder, openChat, TAIL, useChats } = await import('./chat-store');
const { emitDomainEvent } = await import('../../transport/domain-events');
const { useConnection } = await import('../../transport/connection-store');

const message = (seq: number, text: string): SessionLogEntry => ({
  sessionId: 's1',
  seq,
  kind: 'prompt',
  payload: { prompt: [{ type: 'text', text }] },
  at: seq,
});

function fill(count: number): void {
  stored.length = 0;
  for (let seq = 1; seq <= count; seq++) stored.push(message(seq, `m${seq}`));
}

/** Resolves once the chat reaches `phase` (the store publishes every change). */
function phase(value: 'ready' | 'failed'): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (useChats.getState().chats.s1?.phase !== value) return false;
      resolve();
      return true;
    };
    if (check()) return;
    const off = useChats.subscribe(() => {
      if (check()) off();
    });
  });
}

const texts = () => getTranscript('s1')?.items.map((i) => (i.kind === 'user' ? i.text : i.kind)) ?? [];

describe('chat store', () => {
  let close: () => void = () => {};
  beforeEach(() => {
    close();
    calls.length = 0;
    gate = Promise.resolve();
  });

  it('opens at the tail of a long log and pages earlier history in front', async () => {
    fill(1000);
    close = openChat(fakeClient, 's1');
    await phase('ready');
    expect(texts()).toHaveLength(TAIL);
    expect(texts()[0]).toBe(`m${1000 - TAIL + 1}`);
    expect(useChats.getState().chats.s1?.hasOlder).toBe(true);

    await loadOlder('s1');
    expect(texts()).toHaveLength(1000);
    expect(texts()[0]).toBe('m1');
    expect(texts().at(-1)).toBe('m1000');
    expect(useChats.getState().chats.s1?.hasOlder).toBe(false);
  });

  it('holds pushed entries back until the history has loaded, then applies each once, in order', async () => {
    fill(3);
    let release: () => void = () => {};
    gate = new Promise((resolve) => {
      release = resolve;
    });
    close = openChat(fakeClient, 's1');
    // Pushed while the first page is in flight: one already stored (a duplicate), one new.
    emitDomainEvent({ type: 'session.log', entry: message(3, 'm3') });
    stored.push(message(4, 'm4'));
    emitDomainEvent({ type: 'session.log', entry: message(4, 'm4') });
    emitDomainEvent({ type: 'session.log', entry: message(5, 'm5') });
    release();
    await phase('ready');
    expect(texts()).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);

    emitDomainEvent({ type: 'session.log', entry: message(6, 'm6') });
    emitDomainEvent({ type: 'session.log', entry: message(6, 'm6') });
    expect(texts()).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6']);
  });

  it('catches up from its last seq after a reconnect', async () => {
    fill(2);
    close = openChat(fakeClient, 's1');
    await phase('ready');
    // Entries written while the connection was down never arrived as events.
    stored.push(message(3, 'm3'), message(4, 'm4'));
    calls.length = 0;
    const caughtUp = new Promise<void>((resolve) => {
      const off = useChats.subscribe(() => {
        if (texts().length === 4) {
          off();
          resolve();
        }
      });
    });
    useConnection.getState().setOnline();
    await caughtUp;
    expect(texts()).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(calls[0]?.afterSeq).toBe(2);
  });
});
