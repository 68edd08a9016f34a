import { useEffect, useRef } from 'react';
import { navigate } from '../../app/router-store';
import { useUi } from '../../app/ui-store';
import { Icon } from '../../ui/icons';
import { RelativeTime } from '../../ui/relative-time';
import { useInbox } from './inbox-store';

/** Bell with the unread count; opens the inbox popover. */
export function InboxButton() {
  const unread = useInbox((s) => s.items.filter((i) => !i.read).length);
  const open = useUi((s) => s.inboxOpen);
  const setOpen = useUi((s) => s.setInboxOpen);
  return (
    <div className="inbox-anchor">
      <button
        type="button"
        className="btn btn-ghost"
        aria-label={unread ? `Inbox, ${unread} unread` : 'Inbox'}
        aria-expanded={open}
        aria-controls="inbox"
        onClick={() => setOpen(!open)}
      >
        <Icon name="bell" />
        {unread > 0 && <span className="unread-count">{unread}</span>}
      </button>
      {open && <Inbox onClose={() => setOpen(false)} />}
    </div>
  );
}

function Inbox({ onClose }: { onClose(): void }) {
  const items = useInbox((s) => s.items);
  const { markRead, markAllRead, clear } = useInbox.getState();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    const onPointer = (e: PointerEvent) => {
      if (ref.current && !ref.current.parentElement?.contains(e.target as Node)) onClose();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onPointer);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onPointer);
    };
  }, [onClose]);
  return (
    <div id="inbox" ref={ref} className="popover inbox" role="dialog" aria-label="Inbox">
      <header className="popover-header">
        <h2>Inbox</h2>
        <button
          type="button"
          className="btn btn-small btn-ghost"
          onClick={markAllRead}
          disabled={!items.length}
        >
          Mark all read
        </button>
        <button type="button" className="btn btn-small btn-ghost" onClick={clear} disabled={!items.length}>
          Clear
        </button>
      </header>
      {items.length === 0 && <p className="field-hint">Nothing needs you right now.</p>}
      <ul className="inbox-list">
        {items.map((item) => (
          <li key={item.id} data-read={item.read} data-kind={item.kind}>
            <button
              type="button"
              className="inbox-item"
              onClick={() => {
                markRead(item.id);
                onClose();
                navigate({
                  name: 'workspace',
                  workspaceId: item.workspaceId,
                  tab: { kind: 'session', id: item.sessionId },
                });
              }}
            >
              <strong>{item.title}</strong>
              <span>{item.body}</span>
              <RelativeTime at={item.at} />
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
