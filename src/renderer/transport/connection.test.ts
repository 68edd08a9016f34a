import type { ContractClient } from '@shared/contract';
import type { BoardItem } from '@shared/contract/events';
import { describe, expect, it } from 'vitest';
import { startConnection } from './connection';
import type { OpenedLink } from './opened-link';
import { SwitchableLink } from './switchable-link';

type StreamItem = BoardItem;

/** A push stream the test feeds by hand; ends with an error when its transport "drops". */
class FakeStream implements AsyncIterator<StreamItem> {
  private queue: StreamItem[] = [];
  private waiting: ((r: IteratorResult<StreamItem>) => void) | null = null;
  private failWith: ((e: Error) => void) | null = null;
  push(item: StreamItem) {
    if (this.waiting) {
      this.waiting({ value: item, done: false });
      this.waiting = null;
    } else this.queue.push(item);
  }
  drop() {
    this.failWith?.(new Error('transport closed'));
  }
  next(): Promise<IteratorResult<StreamItem>> {
    const item = this.queue.shift();
    if (item) return Promise.resolve({ value: item, done: false });
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failWith = reject;
    });
  }
  [Symbol.asyncIterator]() {
    return this;
  }
}

let seq = 0;
const project = (id: string): BoardItem => ({
  type: 'event',
  seq: ++seq,
  event: { type: 'project.removed', projectId: id },
});
const hello = (at: number): BoardItem => ({ type: 'hello', at, seq });

function harness() {
  const log: string[] = [];
  const checks = new Set<() => void>();
  // Every recorded step re-checks pending waits: tests wait on receipts, never on time.
  const record = (entry: string) => {
    log.push(entry);
    for (const check of [...checks]) check();
  };
  const streams: FakeStream[] = [];
  let snapshotGate: Promise<void> = Promise.resolve();
  const client = {
    events: {
      board: async () => {
        const stream = new FakeStream();
        streams.push(stream);
        record('subscribe');
        return stream;
      },
    },
  } as unknown as ContractClient;
  const open = async (): Promise<OpenedLink> => {
    const closed = new Promise<void>(() => undefined);
    record('open');
    return { link: { call: async () => undefined }, closed, close: () => record('close') };
  };
  const wait = (predicate: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!predicate()) return;
        checks.delete(check);
        resolve();
      };
      checks.add(check);
      queueMicrotask(check);
    });
  const connection = startConnection({
    open,
    link: new SwitchableLink(),
    client,
    loadSnapshots: async () => {
      record('snapshots:start');
      await snapshotGate;
      record('snapshots:done');
    },
    onEvent: (e) => record(`event:${e.type === 'project.removed' ? e.projectId : e.type}`),
    status: {
      setConnecting: () => record('connecting'),
      setOnline: () => record('online'),
      setOffline: (reason) => record(`offline:${reason}`),
    },
    random: () => 0.5,
  });
  return {
    log,
    streams,
    connection,
    wait,
    gateSnapshots() {
      let release!: () => void;
      snapshotGate = new Promise((r) => {
        release = r;
      });
      return release;
    },
  };
}

describe('startConnection', () => {
  it('subscribes, waits for hello, loads snapshots, then applies events that arrived meanwhile in order', async () => {
    const h = harness();
    const release = h.gateSnapshots();
    await h.wait(() => h.streams.length === 1);
    const stream = h.streams[0]!;
    stream.push(hello(1));
    await h.wait(() => h.log.includes('snapshots:start'));
    stream.push(project('a'));
    stream.push(project('b'));
    expect(h.log).not.toContain('event:a');
    release();
    await h.wait(() => h.log.includes('event:b'));
    expect(h.log).toEqual([
      'connecting',
      'open',
      'subscribe',
      'snapshots:start',
      'snapshots:done',
      'online',
      'event:a',
      'event:b',
    ]);
    h.connection.stop();
  });

  it('goes offline when the transport drops and reconnects with a fresh subscription and snapshots', async () => {
    const h = harness();
    await h.wait(() => h.streams.length === 1);
    h.streams[0]!.push(hello(1));
    await h.wait(() => h.log.includes('online'));
    h.streams[0]!.drop();
    await h.wait(() => h.log.some((l) => l.startsWith('offline:')));
    expect(h.log.at(-2)).toBe('close');
    h.connection.retryNow();
    await h.wait(() => h.streams.length === 2);
    h.streams[1]!.push(hello(2));
    h.streams[1]!.push(project('after-reconnect'));
    await h.wait(() => h.log.includes('event:after-reconnect'));
    expect(h.log.filter((l) => l === 'snapshots:done')).toHaveLength(2);
    expect(h.log.filter((l) => l === 'online')).toHaveLength(2);
    h.connection.stop();
  });

  it('refuses a stream that does not start with hello', async () => {
    const h = harness();
    await h.wait(() => h.streams.length === 1);
    h.streams[0]!.push(project('too-early'));
    await h.wait(() => h.log.some((l) => l.startsWith('offline:')));
    expect(h.log).toContain('offline:The server did not greet the event stream');
    expect(h.log).not.toContain('snapshots:start');
    h.connection.stop();
  });
});
