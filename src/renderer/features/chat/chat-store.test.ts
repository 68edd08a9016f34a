import type { ContractClient } from '@shared/contract';
import type { SessionLogItem } from '@shared/contract/events';
import type { SessionLogEntry } from '@shared/contract/sessions';
import { beforeEach, describe, expect, it } from 'vitest';
import { PushStream } from '../../../../tests/helpers/push-stream';

/** The stored log the fake `sessions.log` pages through, like the core does (seq > afterSeq, oldest first). */
const stored: SessionLogEntry[] = [];
const calls: Array<{ afterSeq: number; limit: number }> = [];
const turnCalls: Array<{ beforeSeq: number; minEntries: number }> = [];
let gate: Promise<void> = Promise.resolve();
/** Makes every request for earlier entries fail. */
let failOlder = false;
/** Every `events.sessionLog` subscription, newest last, with its signal. */
const streams: Array<{ stream: PushStream<SessionLogItem>; signal: AbortSignal }> = [];

const fakeClient = {
  events: {
    sessionLog: async (_input: { sessionId: string }, { signal }: { signal: AbortSignal }) => {
      const stream = new PushStream<SessionLogItem>();
      stream.push({ type: 'hello', at: 0 });
      streams.push({ stream, signal });
      return stream;
    },
  },
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
    // Like the core: at least `minEntries` before `beforeSeq`, extended back to the prompt starting the turn.
    logTurns: async ({
      beforeSeq = Infinity,
      minEntries = 100,
    }: {
      beforeSeq?: number;
      minEntries?: number;
    }) => {
      turnCalls.push({ beforeSeq, minEntries });
      await gate;
      if (failOlder && beforeSeq !== Infinity) throw new Error('link lost');
      const before = stored.filter((e) => e.seq < beforeSeq);
      let start = Math.max(0, before.length - minEntries);
      while (start > 0 && before[start]?.kind !== 'prompt') start--;
      return { entries: before.slice(start), lastSeq: stored.at(-1)?.seq ?? 0, hasOlder: start > 0 };
    },
  },
} as unknown as ContractClient;

const { getTranscript, loadOlder, OLDER, openChat, TAIL, useChats } = await import('./chat-store');
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

/** Resolves once `predicate` holds for the chat (the store publishes every change). */
function until(predicate: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (predicate()) return resolve();
    const off = useChats.subscribe(() => {
      if (!predicate()) return;
      off();
      resolve();
    });
  });
}

const entry = (seq: number, text: string): SessionLogItem => ({ type: 'entry', entry: message(seq, text) });
const live = () => streams.at(-1)!.stream;

const texts = () => getTranscript('s1')?.items.map((i) => (i.kind === 'user' ? i.text : i.kind)) ?? [];

describe('chat store', () => {
  let close: () => void = () => {};
  beforeEach(() => {
    close();
    calls.length = 0;
    turnCalls.length = 0;
    streams.length = 0;
    gate = Promise.resolve();
    failOlder = false;
  });

  it('opens at the tail of a long log and pages earlier history in front', async () => {
    fill(1000);
    close = openChat(fakeClient, 's1');
    await phase('ready');
    expect(texts()).toHaveLength(TAIL);
    expect(texts()[0]).toBe(`m${1000 - TAIL + 1}`);
    expect(useChats.getState().chats.s1?.hasOlder).toBe(true);
    expect(turnCalls).toEqual([{ beforeSeq: Infinity, minEntries: TAIL }]);

    await loadOlder('s1');
    expect(texts()).toHaveLength(TAIL + OLDER);
    expect(turnCalls.at(-1)).toEqual({ beforeSeq: 1000 - TAIL + 1, minEntries: OLDER });
    while (useChats.getState().chats.s1?.hasOlder) await loadOlder('s1');
    expect(texts()).toHaveLength(1000);
    expect(texts()[0]).toBe('m1');
    expect(texts().at(-1)).toBe('m1000');
    expect(useChats.getState().chats.s1?.hasOlder).toBe(false);
  });

  it('keeps what it has when earlier entries fail to load, and says why until a retry succeeds', async () => {
    fill(100);
    close = openChat(fakeClient, 's1');
    await phase('ready');
    failOlder = true;
    await loadOlder('s1');
    expect(useChats.getState().chats.s1).toMatchObject({ hasOlder: true, loadingOlder: false });
    expect(useChats.getState().chats.s1?.olderError).toContain('link lost');
    expect(texts()).toHaveLength(TAIL);

    failOlder = false;
    await loadOlder('s1');
    expect(useChats.getState().chats.s1).toMatchObject({ hasOlder: false, olderError: null });
    expect(texts()).toHaveLength(100);
  });

  it('applies pushed entries after the loaded history, each once, in order', async () => {
    fill(3);
    let release: () => void = () => {};
    gate = new Promise((resolve) => {
      release = resolve;
    });
    close = openChat(fakeClient, 's1');
    await until(() => useChats.getState().chats.s1?.phase === 'loading');
    // Pushed while the first page is in flight: one already stored (a duplicate), one new.
    stored.push(message(4, 'm4'));
    live().push(entry(3, 'm3'), entry(4, 'm4'), entry(5, 'm5'));
    release();
    await until(() => texts().length === 5);
    expect(texts()).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);

    live().push(entry(6, 'm6'), entry(6, 'm6'), entry(7, 'm7'));
    await until(() => texts().length === 7);
    expect(texts()).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7']);
  });

  it('catches up from its last seq on a gap and on resync', async () => {
    fill(2);
    close = openChat(fakeClient, 's1');
    await phase('ready');
    calls.length = 0;
    // Entry 3 never arrives; 4 shows the gap.
    stored.push(message(3, 'm3'), message(4, 'm4'));
    live().push(entry(4, 'm4'));
    await until(() => texts().length === 4);
    expect(calls[0]?.afterSeq).toBe(2);

    calls.length = 0;
    stored.push(message(5, 'm5'));
    live().push({ type: 'resync' }, entry(6, 'm6'));
    stored.push(message(6, 'm6'));
    await until(() => texts().length === 6);
    expect(calls[0]?.afterSeq).toBe(4);
    expect(texts()).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6']);
  });

  it('catches up from its last seq after a reconnect, on a fresh subscription', async () => {
    fill(2);
    close = openChat(fakeClient, 's1');
    await phase('ready');
    // Entries written while the connection was down never arrived.
    stored.push(message(3, 'm3'), message(4, 'm4'));
    calls.length = 0;
    useConnection.getState().setOnline();
    await until(() => texts().length === 4);
    expect(texts()).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(calls[0]?.afterSeq).toBe(2);
    expect(streams).toHaveLength(2);
    expect(streams[0]?.signal.aborted).toBe(true);
  });

  it('ends the subscription when the last view closes', async () => {
    fill(1);
    const first = openChat(fakeClient, 's1');
    const second = openChat(fakeClient, 's1');
    await phase('ready');
    expect(streams).toHaveLength(1);
    first();
    expect(streams[0]?.signal.aborted).toBe(false);
    second();
    expect(streams[0]?.signal.aborted).toBe(true);
  });
});
