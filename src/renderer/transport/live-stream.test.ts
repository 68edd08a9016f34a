import { describe, expect, it } from 'vitest';
import { PushStream } from '../../../tests/helpers/push-stream';
import { followLive, type LiveMarker } from './live-stream';

type Item = { type: 'item'; seq: number };
const item = (seq: number): Item => ({ type: 'item', seq });

/**
 * A topic whose snapshot is a list of seqs: `stored` is the server's truth, `view` what the follower built.
 * Every step is recorded, and `until` waits on the record, not on time.
 */
function harness(stored: number[]) {
  const stream = new PushStream<LiveMarker | Item>();
  const view: number[] = [];
  const log: string[] = [];
  const checks = new Set<() => void>();
  const record = (entry: string) => {
    log.push(entry);
    for (const check of [...checks]) check();
  };
  const live = new AbortController();
  const done = followLive<Item>(
    {
      subscribe: async () => stream,
      loadSnapshot: async (stated) => {
        view.splice(0, view.length, ...stored);
        record(`snapshot:${stated ?? '-'}`);
        return stored.at(-1) ?? 0;
      },
      seqOf: (i) => i.seq,
      apply: (i) => {
        view.push(i.seq);
        record(`apply:${i.seq}`);
      },
      onReload: (reason) => record(`reload:${reason}`),
    },
    live.signal,
  );
  const until = (entry: string) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!log.includes(entry)) return;
        checks.delete(check);
        resolve();
      };
      checks.add(check);
      check();
    });
  return { stream, view, log, until, live, done };
}

describe('followLive', () => {
  it('loads the snapshot after hello and applies only the items after its sequence', async () => {
    const h = harness([1, 2, 3]);
    h.stream.push({ type: 'hello', seq: 1 });
    await h.until('snapshot:1');
    h.stream.push(item(2), item(3), item(4), item(5));
    await h.until('apply:5');
    expect(h.view).toEqual([1, 2, 3, 4, 5]);
    expect(h.log).toEqual(['snapshot:1', 'apply:4', 'apply:5']);
  });

  it('reloads the snapshot on a gap and continues after the new sequence', async () => {
    const stored = [1, 2];
    const h = harness(stored);
    h.stream.push({ type: 'hello' });
    await h.until('snapshot:-');
    // seq 3 never arrives; 4 shows the gap. The reload finds 3 and 4 stored.
    stored.push(3, 4);
    h.stream.push(item(4), item(5));
    await h.until('apply:5');
    expect(h.log).toEqual(['snapshot:-', 'reload:gap', 'snapshot:3', 'apply:5']);
    expect(h.view).toEqual([1, 2, 3, 4, 5]);
  });

  it('reloads the snapshot on resync, skipping what it already holds', async () => {
    const stored = [1];
    const h = harness(stored);
    h.stream.push({ type: 'hello' });
    await h.until('snapshot:-');
    stored.push(2, 3, 4);
    h.stream.push({ type: 'resync', seq: 3 }, item(4), item(5));
    await h.until('apply:5');
    expect(h.log).toEqual(['snapshot:-', 'reload:resync', 'snapshot:3', 'apply:5']);
    expect(h.view).toEqual([1, 2, 3, 4, 5]);
  });

  it('refuses a stream that does not start with hello, and rejects when the stream fails', async () => {
    const early = harness([]);
    early.stream.push(item(1));
    await expect(early.done).rejects.toThrow('did not greet');

    const dropped = harness([]);
    dropped.stream.push({ type: 'hello' });
    await dropped.until('snapshot:-');
    dropped.stream.fail();
    await expect(dropped.done).rejects.toThrow('transport closed');
  });
});
