import type { TranscriptItem } from '@shared/lib/transcript';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { type RowContext, TranscriptRow } from './transcript-row';

/** Within this many pixels of the end counts as "at the bottom": new output keeps the view pinned there. */
const PIN_SLACK = 48;
const ESTIMATE = 96;
/** Within this many pixels of the top, earlier history is fetched. */
const OLDER_SLACK = 400;

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
 * length opens and scrolls at the same cost. Row heights are measured as they render. Scrolling near the
 * top loads earlier history, keeping the row that was in view in place.
 */
export function TranscriptList(props: {
  items: readonly TranscriptItem[];
  version: number;
  ctx: RowContext;
  empty: string;
  phase: 'loading' | 'ready' | 'failed';
  hasOlder: boolean;
  loadingOlder: boolean;
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
    // Start at the end: the first rows rendered are the ones the reader sees (the list mounts once loaded).
    initialOffset: () => items.length * ESTIMATE,
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
    if (prepended && anchor.current !== null) {
      virtualizer.scrollToIndex(indexAtSeq(items, anchor.current), { align: 'start' });
      anchor.current = null;
    } else if (pinned.current) toBottom();
  }, [version, items.length]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reads the latest props through refs
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const onScroll = () => {
      // Rows measured after a programmatic scroll move the end; only the reader's scrolls unpin.
      if (ownScrollTop.current !== null && Math.abs(el.scrollTop - ownScrollTop.current) <= 1) return;
      ownScrollTop.current = null;
      pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight <= PIN_SLACK;
      if (el.scrollTop < OLDER_SLACK) requestOlder();
    };
    // Streaming text and rows measured taller than estimated grow the list: stay at the end while pinned.
    const observer = new ResizeObserver(() => {
      if (pinned.current) toBottom();
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
    <>
      {props.hasOlder && (
        <button
          type="button"
          className="btn btn-small btn-ghost ff-older"
          disabled={props.loadingOlder}
          onClick={requestOlder}
        >
          {props.loadingOlder ? 'Loading earlier messages…' : 'Load earlier messages'}
        </button>
      )}
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
    </>
  );
}
