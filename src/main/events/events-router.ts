import type { BoardItem, ScriptOutputItem, SessionLogItem } from '../../shared/contract/events';
import { rpc } from '../rpc-context';
import { isBoardEvent } from './event-bus';
import type { LiveFeed } from './live-feed';

/**
 * Yields a feed's items until the call is aborted, waiting while the transport's send buffer is full: a slow
 * reader's items then pile up in its bounded feed, which turns them into one resync.
 */
async function* drain<T>(feed: LiveFeed<T>, drained: (() => Promise<void>) | undefined): AsyncGenerator<T> {
  for await (const item of feed) {
    if (drained) await drained();
    yield item;
  }
}

/** Runs `open` with a signal that also aborts when the generator is closed early, so the feed is unsubscribed. */
async function* topic<T>(
  signal: AbortSignal | undefined,
  open: (signal: AbortSignal) => AsyncGenerator<T>,
): AsyncGenerator<T> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  signal?.addEventListener('abort', stop, { once: true });
  if (signal?.aborted) stop();
  try {
    yield* open(controller.signal);
  } finally {
    signal?.removeEventListener('abort', stop);
    stop();
  }
}

export const eventsRouter = {
  board: rpc.events.board.handler(({ context, signal }) => {
    const bus = context.services.events;
    return topic(signal, async function* (live) {
      // Subscribed before hello is yielded, so nothing published after hello's seq is missed.
      const feed = bus.feed<BoardItem>(
        (event, seq) => (isBoardEvent(event) ? { type: 'event' as const, seq, event } : null),
        () => ({ type: 'resync' as const, seq: bus.boardSeq }),
        live,
      );
      yield { type: 'hello' as const, at: Date.now(), seq: bus.boardSeq };
      yield* drain(feed, context.drained);
    });
  }),

  sessionLog: rpc.events.sessionLog.handler(({ context, input, signal }) =>
    topic(signal, async function* (live) {
      const feed = context.services.events.feed<SessionLogItem>(
        (event) =>
          event.type === 'session.log' && event.entry.sessionId === input.sessionId
            ? { type: 'entry' as const, entry: event.entry }
            : null,
        () => ({ type: 'resync' as const }),
        live,
      );
      yield { type: 'hello' as const, at: Date.now() };
      yield* drain(feed, context.drained);
    }),
  ),

  scriptOutput: rpc.events.scriptOutput.handler(({ context, input, signal }) =>
    topic(signal, async function* (live) {
      const feed = context.services.events.feed<ScriptOutputItem>(
        (event) => {
          if (event.type !== 'script_run.output' || event.runId !== input.runId) return null;
          const { type: _type, ...chunk } = event;
          return { type: 'chunk' as const, ...chunk };
        },
        () => ({ type: 'resync' as const }),
        live,
      );
      yield { type: 'hello' as const, at: Date.now() };
      yield* drain(feed, context.drained);
    }),
  ),
};
