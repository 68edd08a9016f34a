import type { TranscriptItem } from '@shared/lib/transcript';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { type RowContext, TranscriptRow } from './transcript-row';

/** Within this many pixels of the end counts as "at the bottom": new output keeps the view pinned there. */
const PIN_SLACK = 48;
const ESTIMATE = 96;
/** Within this many pixels of the top, earlier history is fetched. */
const OLDER_SLACK = 400;
/** Height of the slot above the first row: "Load earlier messages" or "Beginning of the conversation". */
const HEAD = 44;

/** Index of the last item created at or before `seq` (items are in seq order). */
function indexAtSeq(items: readonly TranscriptItem[], seq: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((items[mid]?.seq ?? 0) <= seq) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * The transcript, virtualized: only the rows in view (plus overscan) are in the DOM, so a session of any
 * length opens and scrolls at the same cost. Row heights are measured as they render. Being near the top
 * (scrolled there, or because the loaded part does not fill the view) loads earlier history, keeping the row
 * that was in view in place; the button above the first row does the same from the keyboard.
 */
export function TranscriptList(props: {
  items: readonly TranscriptItem[];
  version: number;
  ctx: RowContext;
  empty: string;
  phase: 'loading' | 'ready' | 'failed';
  hasOlder: boolean;
  loadingOlder: boolean;
  olderError: string | null;
  onLoadOlder: () => void;
}) {
  const { items, version, ctx } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const innerRef = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  /** The scrollTop this component last set itself, so its own scrolls are not taken for the reader's. */
  const ownScrollTop = useRef<number | null>(null);
  /** Seq of the first row in view when older history was requested. */
  const anchor = useRef<number | null>(null);
  const firstSeq = useRef<number | null>(null);
  const lastId = useRef<string | null>(null);
  const older = useRef(props);
  older.current = props;

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATE,
    overscan: 3,
    paddingStart: HEAD,
    // The anchor row goes back where it was when the reader had scrolled to the top: just below the head.
    scrollPaddingStart: HEAD,
    // Start at the end: the first rows rendered are the ones the reader sees (the list mounts once loaded).
    initialOffset: () => HEAD + items.length * ESTIMATE,
    getItemKey: (index) => items[index]?.id ?? index,
  });

  const requestOlder = () => {
    const p = older.current;
    if (!p.hasOlder || p.loadingOlder || !p.items.length) return;
    const top = scrollRef.current?.scrollTop ?? 0;
    const firstVisible = virtualizer.getVirtualItems().find((row) => row.end > top);
    anchor.current = p.items[firstVisible?.index ?? 0]?.seq ?? null;
    p.onLoadOlder();
  };

  /** Every loaded row is rendered and, by their rendered heights (not the estimates), they nearly fit the view. */
  const rowsFitView = () => {
    const el = scrollRef.current;
    const rendered = innerRef.current?.querySelectorAll<HTMLElement>('.ff-transcript-row');
    if (!el || !rendered || rendered.length < older.current.items.length) return false;
    let height = HEAD;
    for (const row of rendered) height += row.offsetHeight;
    return height < el.clientHeight + OLDER_SLACK;
  };

  /**
   * Loads earlier history while the top is near: the reader scrolled there, or the loaded rows do not fill the
   * view. While pinned to the end the scroll position still reflects estimated row heights, so only the rows'
   * rendered heights count then. After a failure the button retries, not every scroll.
   */
  const loadOlderIfNearTop = () => {
    const el = scrollRef.current;
    if (!el || older.current.olderError) return;
    const scrolledUp = !pinned.current && el.scrollTop < OLDER_SLACK;
    if (scrolledUp || rowsFitView()) requestOlder();
  };

  const toBottom = () => {
    const el = scrollRef.current;
    if (!el) return;
    el.scrollTop = el.scrollHeight;
    ownScrollTop.current = el.scrollTop;
  };

  // Open at the end, follow new output while the reader is at the bottom, and keep the anchor row in place
  // when earlier history is put in front.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every transcript change
  useLayoutEffect(() => {
    const first = items[0]?.seq ?? null;
    const prepended = firstSeq.current !== null && first !== null && first < firstSeq.current;
    firstSeq.current = first;
    const last = items[items.length - 1];
    if (last && last.id !== lastId.current) {
      // Sending a message brings the reader back to the end, as in any chat.
      if (last.kind === 'user') pinned.current = true;
      lastId.current = last.id;
    }
    const held = prepended ? anchor.current : null;
    if (prepended) anchor.current = null;
    // The virtualizer keeps an index target in place while the rows above it are measured.
    if (held !== null && !pinned.current)
      virtualizer.scrollToIndex(indexAtSeq(items, held), { align: 'start' });
    else if (pinned.current) toBottom();
  }, [version, items.length]);

  // After every change (and when a load ends), keep loading while the top is in reach.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reads the latest props through refs
  useEffect(loadOlderIfNearTop, [version, items.length, props.hasOlder, props.loadingOlder]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reads the latest props through refs
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const onScroll = () => {
      // Rows measured after a programmatic scroll move the end; only the reader's scrolls unpin.
      if (ownScrollTop.current !== null && Math.abs(el.scrollTop - ownScrollTop.current) <= 1) return;
      ownScrollTop.current = null;
      pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight <= PIN_SLACK;
      loadOlderIfNearTop();
    };
    // Streaming text and rows measured taller than estimated grow the list: stay at the end while pinned.
    // Rows measured shorter than estimated may leave the top in reach: load more then.
    const observer = new ResizeObserver(() => {
      if (pinned.current) toBottom();
      loadOlderIfNearTop();
    });
    if (innerRef.current) observer.observe(innerRef.current);
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      observer.disconnect();
      el.removeEventListener('scroll', onScroll);
    };
  }, []);

  const rows = virtualizer.getVirtualItems();
  return (
    <div
      ref={scrollRef}
      className="ff-transcript"
      role="log"
      aria-label="Transcript"
      aria-busy={ctx.session?.status === 'RUNNING'}
      data-phase={props.phase}
      data-items={items.length}
      data-rendered={rows.length}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the log scrolls with the keyboard
      tabIndex={0}
    >
      {items.length === 0 && <p className="empty">{props.empty}</p>}
      <div ref={innerRef} className="ff-transcript-inner" style={{ height: virtualizer.getTotalSize() }}>
        {items.length > 0 && (
          <TranscriptHead
            height={HEAD}
            hasOlder={props.hasOlder}
            loadingOlder={props.loadingOlder}
            error={props.olderError}
            onLoadOlder={requestOlder}
          />
        )}
        {rows.map((row) => {
          const item = items[row.index];
          if (!item) return null;
          return (
            <div
              key={row.key}
              ref={virtualizer.measureElement}
              data-index={row.index}
              className="ff-transcript-row"
              style={{ transform: `translateY(${row.start}px)` }}
            >
              <TranscriptRow item={item} ctx={ctx} />
            </div>
          );
        })}
      </div>
    </div>
  );
}

/**
 * Above the first row: the keyboard's way to earlier history (it stays focusable while loading, announcing
 * progress), or the mark that the whole conversation is loaded.
 */
function TranscriptHead(props: {
  height: number;
  hasOlder: boolean;
  loadingOlder: boolean;
  error: string | null;
  onLoadOlder: () => void;
}) {
  return (
    <div className="ff-transcript-head" style={{ height: props.height }}>
      {props.error && (
        <span className="ff-transcript-head-error" role="alert">
          Could not load earlier messages: {props.error}
        </span>
      )}
      {props.hasOlder ? (
        <button
          type="button"
          className="btn btn-small btn-ghost"
          aria-disabled={props.loadingOlder}
          aria-busy={props.loadingOlder}
          onClick={() => {
            if (!props.loadingOlder) props.onLoadOlder();
          }}
        >
          {props.loadingOlder ? 'Loading earlier messages…' : 'Load earlier messages'}
        </button>
      ) : (
        <p className="ff-transcript-start">Beginning of the conversation</p>
      )}
    </div>
  );
}
