import type { Session } from '@shared/contract/sessions';
import type { Terminal } from '@shared/contract/terminals';
import { type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { toast } from 'sonner';
import type { WorkspaceTab } from '../../app/route';
import { navigate } from '../../app/router-store';
import { useTerminals } from '../../stores/terminals-store';
import { useClient } from '../../transport/client-context';
import { describeError } from '../../ui/describe-error';
import { Icon } from '../../ui/icons';
import { SessionStatusBadge } from './status-badges';

/** ARIA tabs pattern: arrows, Home and End move between tabs and select them. */
function moveBetweenTabs(event: KeyboardEvent<HTMLDivElement>) {
  const keys = ['ArrowLeft', 'ArrowRight', 'Home', 'End'];
  if (!keys.includes(event.key)) return;
  const tabs = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  const index = tabs.indexOf(document.activeElement as HTMLButtonElement);
  if (index < 0) return;
  const step = event.key === 'ArrowRight' ? 1 : -1;
  const next =
    event.key === 'Home'
      ? 0
      : event.key === 'End'
        ? tabs.length - 1
        : (index + step + tabs.length) % tabs.length;
  event.preventDefault();
  tabs[next]?.focus();
  tabs[next]?.click();
}

export function tabKey(tab: WorkspaceTab): string {
  return tab.kind === 'changes' ? 'changes' : `${tab.kind}-${tab.id}`;
}

/** Sessions, terminals and the changes panel of one workspace, as an ARIA tab list. */
export function WorkspaceTabs({
  workspaceId,
  sessions,
  terminals,
  current,
  canOpenTerminal,
}: {
  workspaceId: string;
  sessions: Session[];
  terminals: Terminal[];
  current: WorkspaceTab | null;
  canOpenTerminal: boolean;
}) {
  const client = useClient();
  const [opening, setOpening] = useState(false);
  const list = useRef<HTMLDivElement>(null);
  const currentKey = current ? tabKey(current) : null;
  // Where the strip scrolls sideways (a phone), the selected tab is kept in sight.
  useEffect(() => {
    const strip = list.current;
    const tab = currentKey ? document.getElementById(`tab-${currentKey}`) : null;
    if (strip && tab && strip.contains(tab))
      revealInStrip(strip, tab.closest<HTMLElement>('.tab-with-close') ?? tab);
  }, [currentKey]);
  const select = (tab: WorkspaceTab) => navigate({ name: 'workspace', workspaceId, tab });

  async function openTerminal() {
    setOpening(true);
    try {
      const terminal = await client.terminals.create({ workspaceId });
      useTerminals.getState().upsert(terminal);
      select({ kind: 'terminal', id: terminal.id });
    } catch (error) {
      toast.error('Could not open a terminal', { description: describeError(error) });
    } finally {
      setOpening(false);
    }
  }

  async function closeTerminal(terminal: Terminal) {
    try {
      await client.terminals.close({ id: terminal.id });
      useTerminals.getState().remove(terminal.id);
      if (current?.kind === 'terminal' && current.id === terminal.id) select({ kind: 'changes' });
    } catch (error) {
      toast.error('Could not close the terminal', { description: describeError(error) });
    }
  }

  return (
    <div className="tab-bar">
      <div ref={list} role="tablist" aria-label="Workspace tabs" className="tabs" onKeyDown={moveBetweenTabs}>
        {sessions.map((s) => (
          <Tab key={s.id} tab={{ kind: 'session', id: s.id }} current={current} onSelect={select}>
            <Icon name="chat" size={14} /> {s.title} <SessionStatusBadge status={s.status} />
          </Tab>
        ))}
        {terminals.map((t) => (
          <span key={t.id} className="tab-with-close">
            <Tab tab={{ kind: 'terminal', id: t.id }} current={current} onSelect={select}>
              <Icon name="terminal" size={14} /> {t.title}
              {t.status === 'EXITED' && <span className="field-hint"> (exited)</span>}
            </Tab>
            <button
              type="button"
              className="btn btn-ghost btn-small"
              aria-label={`Close terminal ${t.title}`}
              onClick={() => void closeTerminal(t)}
            >
              <Icon name="close" size={12} />
            </button>
          </span>
        ))}
        <Tab tab={{ kind: 'changes' }} current={current} onSelect={select}>
          Changes
        </Tab>
      </div>
      <button
        type="button"
        className="btn btn-small"
        disabled={!canOpenTerminal || opening}
        onClick={() => void openTerminal()}
      >
        <Icon name="terminal" size={14} /> {opening ? 'Opening…' : 'New terminal'}
      </button>
    </div>
  );
}

/** One ARIA tab; only the selected one is in the Tab order (arrows move between them). */
function Tab(props: {
  tab: WorkspaceTab;
  current: WorkspaceTab | null;
  onSelect(tab: WorkspaceTab): void;
  children: ReactNode;
}) {
  const selected = props.current !== null && tabKey(props.current) === tabKey(props.tab);
  return (
    <button
      type="button"
      role="tab"
      id={`tab-${tabKey(props.tab)}`}
      aria-selected={selected}
      tabIndex={selected ? 0 : -1}
      aria-controls="workspace-tab-panel"
      className="tab"
      onClick={() => props.onSelect(props.tab)}
    >
      {props.children}
    </button>
  );
}

/** Scrolls the strip (not the page) just enough to show the whole tab. */
function revealInStrip(strip: HTMLElement, tab: HTMLElement) {
  const box = strip.getBoundingClientRect();
  const at = tab.getBoundingClientRect();
  if (at.left < box.left) strip.scrollLeft -= box.left - at.left;
  else if (at.right > box.right) strip.scrollLeft += Math.min(at.right - box.right, at.left - box.left);
}
