/** The stream items every live topic shares (see `events.*` in the contract). */
export type LiveMarker = { type: 'hello'; seq?: number } | { type: 'resync'; seq?: number };

export interface LiveStreamOptions<Item> {
  /** Opens the topic; its first item must be `hello`. */
  subscribe(signal: AbortSignal): Promise<AsyncIterator<LiveMarker | Item>>;
  /**
   * Loads the snapshot (again), applies it and resolves with the sequence it holds: items at or below it are
   * in it. `stated` is the sequence the stream stated before (in hello or resync; after a gap, the one just
   * before the item that showed it): a snapshot read after it holds at least that much.
   */
  loadSnapshot(stated: number | undefined): Promise<number>;
  seqOf(item: Item): number;
  apply(item: Item): void;
  /** After the first snapshot is applied. */
  onReady?(): void;
  /** Before a snapshot is reloaded because of a resync or a gap (for tests and diagnostics). */
  onReload?(reason: 'resync' | 'gap'): void;
}

function isMarker(item: { type: string }): item is LiveMarker {
  return item.type === 'hello' || item.type === 'resync';
}

/**
 * Follows one live topic the one way every view does: subscribe, wait for hello, load the snapshot, then
 * apply the items after its sequence in order. Items at or below it are skipped; a gap (an item beyond the
 * next sequence) or a resync reloads the snapshot and continues after the new one. Resolves when `signal`
 * aborts; rejects when the stream fails or ends (the caller decides when to follow again).
 */
export async function followLive<Item extends { type: string }>(
  options: LiveStreamOptions<Item>,
  signal: AbortSignal,
): Promise<void> {
  const stream = await options.subscribe(signal);
  const first = await stream.next();
  if (first.done || first.value.type !== 'hello')
    throw new Error('The server did not greet the event stream');
  let seq = await options.loadSnapshot((first.value as LiveMarker).seq);
  options.onReady?.();
  for (;;) {
    const next = await stream.next();
    if (signal.aborted) return;
    if (next.done) throw new Error('The event stream ended');
    const item = next.value;
    if (isMarker(item)) {
      if (item.type === 'hello') continue;
      options.onReload?.('resync');
      seq = await options.loadSnapshot(item.seq);
      continue;
    }
    const at = options.seqOf(item);
    if (at <= seq) continue;
    if (at > seq + 1) {
      options.onReload?.('gap');
      seq = await options.loadSnapshot(at - 1);
      if (at <= seq) continue;
    }
    options.apply(item);
    seq = at;
  }
}
