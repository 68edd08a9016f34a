import { createRouterClient } from '@orpc/server';
import { describe, expect, it } from 'vitest';
import { FEED_LIMIT } from '../../src/main/events/live-feed';
import { router } from '../../src/main/router';
import { followLive } from '../../src/renderer/transport/live-stream';
import type { BoardItem, SessionLogItem } from '../../src/shared/contract/events';
import type { SessionLogEntry } from '../../src/shared/contract/sessions';
import { eventually } from '../helpers/processes';
import { storedLog, useFakeAgent, useSessionsCore } from './sessions-helpers';

/** More separate log entries than a subscriber may have queued: text and thought chunks never coalesce. */
const STEPS = Array.from({ length: FEED_LIMIT + 300 }, (_, i) =>
  i % 2 ? { thought: `thought ${i}` } : { text: `text ${i}` },
);

describe('live topics', () => {
  const core = useSessionsCore();

  it('resyncs a session log subscriber that stopped reading, which then holds exactly the stored log', async () => {
    const { t, watch, workspaceId } = core;
    const provider = await useFakeAgent(t, { default: STEPS });
    const session = await t.client.sessions.create({ workspaceId, provider });
    await watch.status(session.id, 'IDLE');

    // A client on the router itself: nothing buffers between the subscriber's feed and its reads, so not
    // reading is falling behind.
    const reader = createRouterClient(router, { context: { services: t.core.services } });
    const view: SessionLogEntry[] = [];
    const reloads: string[] = [];
    let stopReading: Promise<void> | null = null;
    let release: () => void = () => {};
    const live = new AbortController();
    const following = followLive<Extract<SessionLogItem, { type: 'entry' }>>(
      {
        subscribe: (signal) => reader.events.sessionLog({ sessionId: session.id }, { signal }),
        loadSnapshot: async () => {
          // The first snapshot stalls until the turn is over: meanwhile the subscriber reads nothing.
          await stopReading;
          stopReading = null;
          const after = view.at(-1)?.seq ?? 0;
          for (const entry of await storedLog(t.client, session.id)) if (entry.seq > after) view.push(entry);
          return view.at(-1)?.seq ?? 0;
        },
        seqOf: (item) => item.entry.seq,
        apply: (item) => view.push(item.entry),
        onReload: (reason) => reloads.push(reason),
      },
      live.signal,
    );
    stopReading = new Promise((resolve) => {
      release = resolve;
    });
    await t.client.sessions.prompt({ sessionId: session.id, text: 'go' });
    await watch.turnEnd(session.id);
    release();

    const stored = await storedLog(t.client, session.id);
    expect(stored.length).toBeGreaterThan(FEED_LIMIT);
    const lastSeq = stored.at(-1)!.seq;
    await eventually(() => view.at(-1)?.seq === lastSeq, 'the reader to catch up');
    expect(reloads).toContain('resync');
    expect(view).toEqual(stored);
    live.abort();
    await following.catch(() => undefined);
  });

  it('sends a board-only client no session log entries or transcript text while agents stream', async () => {
    const { t, watch, workspaceId } = core;
    const provider = await useFakeAgent(t, {
      default: [{ text: 'SECRET-TRANSCRIPT' }, { chunks: { count: 200, text: 'SECRET-CHUNK' } }],
    });
    const controller = new AbortController();
    const board = await t.client.events.board(undefined, { signal: controller.signal });
    const items: BoardItem[] = [];
    const sessionIds = await Promise.all(
      [1, 2, 3].map(async () => (await t.client.sessions.create({ workspaceId, provider })).id),
    );
    for (const id of sessionIds) await watch.status(id, 'IDLE');
    await Promise.all(sessionIds.map((sessionId) => t.client.sessions.prompt({ sessionId, text: 'go' })));
    for (const id of sessionIds) await watch.turnEnd(id);
    // Read the board up to what the core had published by now: the whole of the turns.
    const target = t.core.services.events.boardSeq;
    for await (const item of board) {
      items.push(item);
      if (item.type !== 'resync' && item.seq >= target) break;
    }
    controller.abort();

    expect(watch.entries(sessionIds[0]!).length).toBeGreaterThan(2);
    expect(items.some((i) => i.type === 'event' && (i.event.type as string) === 'session.log')).toBe(false);
    expect(JSON.stringify(items)).not.toContain('SECRET');
  });
});
