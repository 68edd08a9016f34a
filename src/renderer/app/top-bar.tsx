import { RestartToUpdate } from '../features/desktop/restart-to-update';
import { InboxButton } from '../features/notifications/inbox-button';
import { ReviewsButton } from '../features/reviews/reviews-button';
import { Icon } from '../ui/icons';
import { ConnectionIndicator } from './connection-indicator';
import { navigate, useRouter } from './router-store';
import { useUi } from './ui-store';

export function TopBar({ onRetry }: { onRetry(): void }) {
  const drawerOpen = useUi((s) => s.drawerOpen);
  const setDrawerOpen = useUi((s) => s.setDrawerOpen);
  const setPaletteOpen = useUi((s) => s.setPaletteOpen);
  const onSettings = useRouter((s) => s.route.name === 'settings');
  const onRatchet = useRouter((s) => s.route.name === 'ratchet');
  return (
    <header className="top-bar">
      <button
        type="button"
        className="btn btn-ghost drawer-toggle"
        aria-label={drawerOpen ? 'Close navigation' : 'Open navigation'}
        aria-expanded={drawerOpen}
        aria-controls="sidebar"
        onClick={() => setDrawerOpen(!drawerOpen)}
      >
        <Icon name="menu" />
      </button>
      <a className="brand" href="#/board" aria-label="Factory Factory board">
        <span className="brand-mark" aria-hidden="true">
          FF
        </span>
        <span className="brand-name">Factory Factory</span>
      </a>
      <div className="top-bar-spacer" />
      <RestartToUpdate />
      <ConnectionIndicator onRetry={onRetry} />
      <button
        type="button"
        className="btn btn-ghost"
        aria-label="Open command palette"
        title="Command palette (Ctrl/Cmd-K)"
        onClick={() => setPaletteOpen(true)}
      >
        <Icon name="search" />
        <kbd className="hide-narrow">⌘K</kbd>
      </button>
      <ReviewsButton />
      <InboxButton />
      {/* On a phone the drawer has the Ratchet link: the top bar keeps to what fits on one row. */}
      <button
        type="button"
        className="btn btn-ghost hide-narrow"
        title="Admin → Ratchet: every workspace Ratchet keeps moving"
        aria-current={onRatchet ? 'page' : undefined}
        onClick={() => navigate({ name: 'ratchet' })}
      >
        Ratchet
      </button>
      <button
        type="button"
        className="btn btn-ghost"
        aria-label="Settings"
        title="Settings"
        aria-current={onSettings ? 'page' : undefined}
        onClick={() => navigate({ name: 'settings' })}
      >
        <Icon name="gear" />
      </button>
    </header>
  );
}
