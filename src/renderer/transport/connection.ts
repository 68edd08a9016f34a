import type { ContractClient } from '@shared/contract';
import type { BoardEvent, BoardItem } from '@shared/contract/events';
import { backoffDelay } from './backoff';
import { followLive } from './live-stream';
import type { LinkOpener, OpenedLink } from './opened-link';
import type { SwitchableLink } from './switchable-link';

export interface ConnectionStatusSink {
  setConnecting(): void;
  setOnline(): void;
  setOffline(error: string, retryAt: number): void;
}

export interface ConnectionDeps {
  open: LinkOpener;
  link: SwitchableLink;
  client: ContractClient;
  /**
   * Runs after `hello`, and again after a resync or a gap in the board sequence; events that arrive meanwhile
   * wait in the subscription and are applied after.
   */
  loadSnapshots(client: ContractClient): Promise<void>;
  onEvent(event: BoardEvent): void;
  status: ConnectionStatusSink;
  random?: () => number;
}

export interface Connection {
  /** Skips the remaining backoff and reconnects now. */
  retryNow(): void;
  stop(): void;
}

/**
 * Keeps one live connection: open the link, follow the `events.board` topic (hello, snapshots, then pushed
 * events; see `followLive`) until the transport drops; then back off and start over. Nothing is polled.
 */
export function startConnection(deps: ConnectionDeps): Connection {
  const stopController = new AbortController();
  let wakeUp: (() => void) | null = null;
  let attempt = 0;

  async function runOnce(): Promise<void> {
    let opened: OpenedLink | null = null;
    const session = new AbortController();
    const onStop = () => session.abort();
    stopController.signal.addEventListener('abort', onStop, { once: true });
    try {
      opened = await deps.open();
      if (session.signal.aborted) return;
      void opened.closed.then(() => session.abort());
      deps.link.set(opened.link);
      await followLive<Extract<BoardItem, { type: 'event' }>>(
        {
          subscribe: (signal) => deps.client.events.board(undefined, { signal }),
          // Board events are whole entities: a snapshot read after the stated seq holds at least that much.
          loadSnapshot: async (stated) => {
            await deps.loadSnapshots(deps.client);
            return stated ?? 0;
          },
          seqOf: (item) => item.seq,
          apply: (item) => deps.onEvent(item.event),
          onReady: () => {
            deps.status.setOnline();
            attempt = 0;
          },
        },
        session.signal,
      );
    } finally {
      stopController.signal.removeEventListener('abort', onStop);
      if (opened) {
        deps.link.release(opened.link);
        opened.close();
      }
    }
  }

  async function loop(): Promise<void> {
    while (!stopController.signal.aborted) {
      deps.status.setConnecting();
      let reason = 'Disconnected';
      try {
        await runOnce();
      } catch (error) {
        reason = error instanceof Error ? error.message : String(error);
      }
      if (stopController.signal.aborted) return;
      const delay = backoffDelay(attempt++, deps.random);
      deps.status.setOffline(reason, Date.now() + delay);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
        stopController.signal.addEventListener('abort', () => wakeUp?.(), { once: true });
      });
      wakeUp = null;
    }
  }

  void loop();
  return {
    retryNow: () => wakeUp?.(),
    stop: () => stopController.abort(),
  };
}
