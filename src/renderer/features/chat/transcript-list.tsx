import type { TranscriptItem } from '@shared/lib/transcript';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { type RowContext, TranscriptRow } from './transcript-row';

/** Within this many pixels of the end counts as "at the bottom": new output keeps the view pinned there. */
const PIN_SLACK = 48;

/**
 * The transcript, virtualized: only the rows in view (plus overscan) are in the DOM, so a session of any
 * length opens and scrolls at the same cost. Row heights are measured as they render.
 */
export function TranscriptList(props: {
  items: readonly TranscriptItem[];
  version: number;
  ctx: RowContext;
  empty: string;
}) {
  const { items, version, ctx } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 96,
    overscan: 6,
    getItemKey: (index) => items[index]?.id ?? index,
  });

  // Open at the end, and follow new output while the reader is at the bottom.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every transcript change
  useLayoutEffect(() => {
    if (pinned.current && items.length) virtualizer.scrollToIndex(items.length - 1, { align: 'end' });
  }, [version, items.length]);

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const onScroll = () => {
      pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight <= PIN_SLACK;
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, []);

  const rows = virtualizer.getVirtualItems();
  return (
    <div
      ref={scrollRef}
      className="ff-transcript"
      role="log"
      aria-label="Transcript"
      aria-busy={ctx.session?.status === 'RUNNING'}
      data-items={items.length}
      data-version={version}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the log scrolls with the keyboard
      tabIndex={0}
    >
      {items.length === 0 ? (
        <p className="empty">{props.empty}</p>
      ) : (
        <div className="ff-transcript-inner" style={{ height: virtualizer.getTotalSize() }}>
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
      )}
    </div>
  );
}
