import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { WorkspaceTab } from '../../app/route';
import { sessionsOf, useSessions } from '../../stores/sessions-store';
import { replaceWorkspaceTerminals, terminalsOf, useTerminals } from '../../stores/terminals-store';
import { useWorkspaces } from '../../stores/workspaces-store';
import { useClient } from '../../transport/client-context';
import { useConnection } from '../../transport/connection-store';
import { useNarrowScreen } from '../../ui/use-narrow-screen';
import { AutomationButtons } from '../automation/automation-buttons';
import { IterateProgress } from '../automation/iterate-progress';
import { QuickActionBar, QuickActionMenu } from '../automation/quick-action-bar';
import '../automation/automation.css';
import { ChatPanel } from '../chat/chat-panel';
import { ChangesPanel } from '../diff/changes-panel';
import { TerminalPanel } from '../terminal/terminal-panel';
import { NewSessionButton } from './new-session-button';
import { WorkspaceHeader } from './workspace-header';
import { tabKey, WorkspaceTabs } from './workspace-tabs';

export function WorkspaceView({ workspaceId, tab }: { workspaceId: string; tab: WorkspaceTab | null }) {
  const client = useClient();
  const workspace = useWorkspaces((s) => s.byId[workspaceId]);
  const loaded = useWorkspaces((s) => s.loaded);
  const sessions = useSessions(useShallow((s) => sessionsOf(s.byId, workspaceId)));
  const terminals = useTerminals(useShallow((s) => terminalsOf(s.byId, workspaceId)));
  const epoch = useConnection((s) => s.epoch);
  const narrow = useNarrowScreen();

  useEffect(() => {
    if (epoch === 0) return;
    let live = true;
    client.terminals.list({ workspaceId }).then(
      (list) => live && replaceWorkspaceTerminals(workspaceId, list),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, workspaceId, epoch]);

  if (!workspace) {
    return <p className="empty">{loaded ? 'This workspace does not exist (any more).' : 'Loading…'}</p>;
  }

  const current = resolveTab(tab, sessions, terminals);
  const ready = workspace.status === 'READY';

  return (
    <section className="workspace-view" aria-label={`Workspace ${workspace.name}`}>
      <WorkspaceHeader workspace={workspace} />
      <div className="workspace-toolbar">
        <WorkspaceTabs
          workspaceId={workspaceId}
          sessions={sessions}
          terminals={terminals}
          current={current}
          canOpenTerminal={ready}
        />
        {narrow && <QuickActionMenu workspaceId={workspaceId} tab={current} disabled={!ready} />}
        <AutomationButtons
          workspaceId={workspaceId}
          projectId={workspace.projectId}
          sessionId={current?.kind === 'session' ? current.id : null}
          ready={ready}
          compact={narrow}
        />
        <NewSessionButton workspaceId={workspaceId} disabled={!ready} />
      </div>
      {!narrow && <QuickActionBar workspaceId={workspaceId} tab={current} disabled={!ready} />}
      <IterateProgress workspaceId={workspaceId} />
      <div
        className="workspace-panel"
        id="workspace-tab-panel"
        role="tabpanel"
        aria-labelledby={current ? `tab-${tabKey(current)}` : undefined}
      >
        {current?.kind === 'session' && <ChatPanel key={current.id} sessionId={current.id} />}
        {current?.kind === 'terminal' && <TerminalPanel key={current.id} terminalId={current.id} />}
        {current?.kind === 'changes' &&
          (ready ? (
            <ChangesPanel workspaceId={workspaceId} />
          ) : (
            <p className="empty">Changes show here once the workspace is ready.</p>
          ))}
      </div>
    </section>
  );
}

/** The route's tab when it still exists; else the first session; else the changes panel. */
function resolveTab(
  tab: WorkspaceTab | null,
  sessions: { id: string }[],
  terminals: { id: string }[],
): WorkspaceTab {
  if (tab?.kind === 'changes') return tab;
  if (tab?.kind === 'session' && sessions.some((s) => s.id === tab.id)) return tab;
  if (tab?.kind === 'terminal' && terminals.some((t) => t.id === tab.id)) return tab;
  const first = sessions[0];
  return first ? { kind: 'session', id: first.id } : { kind: 'changes' };
}
