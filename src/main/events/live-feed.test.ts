import { describe, expect, it } from 'vitest';
import { LiveFeed } from './live-feed';

type Item = number | 'resync';

async function take(feed: LiveFeed<Item>, count: number): Promise<Item[]> {
  const out: Item[] = [];
  for await (const item of feed) {
    out.push(item);
    if (out.length === count) break;
  }
  return out;
}

describe('LiveFeed', () => {
  it('delivers items in order while the subscriber keeps up', async () => {
    const feed = new LiveFeed<Item>(() => 'resync', undefined, 3);
    feed.push(1);
    feed.push(2);
    expect(await take(feed, 2)).toEqual([1, 2]);
  });

  it('replaces the queue with one resync when the subscriber falls behind, never dropping silently', async () => {
    const feed = new LiveFeed<Item>(() => 'resync', undefined, 3);
    for (let i = 1; i <= 7; i++) feed.push(i);
    expect(feed.size).toBe(3);
    expect(await take(feed, 3)).toEqual(['resync', 6, 7]);
  });

  it('ends, dropping what is queued, when its signal aborts', async () => {
    const controller = new AbortController();
    const feed = new LiveFeed<Item>(() => 'resync', controller.signal, 3);
    feed.push(1);
    const reading = take(feed, 5);
    controller.abort();
    feed.push(2);
    expect(await reading).toEqual([1]);
    expect(feed.size).toBe(0);
  });
});
