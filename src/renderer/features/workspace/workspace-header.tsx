import type { Workspace } from '@shared/contract/workspaces';
import { useState } from 'react';
import { toast } from 'sonner';
import { navigate } from '../../app/router-store';
import { useTerminals } from '../../stores/terminals-store';
import { useWorkspaces } from '../../stores/workspaces-store';
import { useClient } from '../../transport/client-context';
import { describeError } from '../../ui/describe-error';
import { Icon } from '../../ui/icons';
import { useNarrowScreen } from '../../ui/use-narrow-screen';
import { PrBadges } from '../board/pr-badges';
import { useChanges } from '../diff/use-changes';
import { RatchetLine } from '../ratchet/ratchet-line';
import { RatchetPanel } from '../ratchet/ratchet-panel';
import { archiveWorkspace } from './archive-workspace';
import { openExternal } from './open-external';
import { ProgressLine } from './progress-line';
import { PullActions } from './pull-actions';
import { ScriptLog } from './script-log';
import { WorkspaceStatusBadge } from './status-badges';
import { WorkspaceFacts } from './workspace-facts';

export function WorkspaceHeader({ workspace }: { workspace: Workspace }) {
  const client = useClient();
  const [starting, setStarting] = useState(false);
  const active = workspace.status === 'READY';
  // Null until the first answer: the button stays disabled rather than offering a run that may not exist.
  const hasRunScript = useChanges(workspace.id).changes?.hasRunScript ?? null;
  const noRunScript = active && hasRunScript === false;
  const merged = workspace.pr?.state === 'MERGED';
  const narrow = useNarrowScreen();

  async function startRun() {
    setStarting(true);
    try {
      const terminal = await client.terminals.startRun({ workspaceId: workspace.id });
      useTerminals.getState().upsert(terminal);
      navigate({ name: 'workspace', workspaceId: workspace.id, tab: { kind: 'terminal', id: terminal.id } });
    } catch (error) {
      toast.error('Could not start the run script', { description: describeError(error) });
    } finally {
      setStarting(false);
    }
  }

  async function retry() {
    try {
      useWorkspaces.getState().upsert(await client.workspaces.retrySetup({ id: workspace.id }));
    } catch (error) {
      toast.error('Could not retry setup', { description: describeError(error) });
    }
  }

  const actions = (
    <div className="workspace-actions">
      {workspace.pr && (
        <a
          className="btn btn-small"
          href={workspace.pr.url}
          target="_blank"
          rel="noreferrer"
          onClick={(e) => openExternal(e, workspace.pr?.url)}
        >
          <Icon name="external" size={14} /> PR #{workspace.pr.number}
        </a>
      )}
      <PullActions workspace={workspace} />
      <button
        type="button"
        className="btn btn-small"
        disabled={!active || hasRunScript !== true || starting}
        title={active ? undefined : 'The workspace is not ready'}
        aria-describedby={noRunScript ? `no-run-script-${workspace.id}` : undefined}
        onClick={startRun}
      >
        <Icon name="play" size={14} /> Run script
        {workspace.runPort !== null ? ` on :${workspace.runPort}` : ''}
      </button>
      {noRunScript && (
        <span id={`no-run-script-${workspace.id}`} className="field-hint">
          No run script: add "run" to factory-factory.json or the project settings.
        </span>
      )}
      {workspace.status === 'FAILED' && (
        <button type="button" className="btn btn-small" onClick={retry}>
          Retry setup
        </button>
      )}
      <button
        type="button"
        className={`btn btn-small ${merged ? 'btn-primary' : 'btn-ghost'}`}
        disabled={workspace.status === 'ARCHIVING' || workspace.status === 'ARCHIVED'}
        title={merged ? 'The pull request is merged: archive this workspace' : undefined}
        onClick={() => void archiveWorkspace(client, workspace)}
      >
        <Icon name="archive" size={14} /> Archive
      </button>
    </div>
  );

  const ready = workspace.status === 'READY';
  const status = (
    <>
      {(workspace.status === 'PROVISIONING' || workspace.status === 'ARCHIVING') && (
        <ProgressLine workspaceId={workspace.id} />
      )}
      {(workspace.status === 'PROVISIONING' ||
        workspace.status === 'FAILED' ||
        workspace.status === 'ARCHIVING') && <ScriptLog workspaceId={workspace.id} />}
      {workspace.statusReason && (
        <p className={workspace.status === 'FAILED' ? 'field-error' : 'field-hint'} role="status">
          {workspace.statusReason}
        </p>
      )}
    </>
  );

  return (
    <header className="workspace-header">
      <div className="workspace-title-row">
        <h1>{workspace.name}</h1>
        <WorkspaceStatusBadge status={workspace.status} />
      </div>
      <PrBadges workspace={workspace} />
      {narrow ? (
        // On a phone the facts, Ratchet's controls and the actions fold under one line, so the chat below
        // gets the screen; open while the workspace is not ready (Retry setup is among the actions).
        <>
          {ready && <RatchetLine workspace={workspace} />}
          {status}
          <details key={workspace.status} className="workspace-more" open={!ready || undefined}>
            <summary>
              Branch <span className="mono">{workspace.branch}</span>
              {ready ? ', Ratchet and actions' : ' and actions'}
            </summary>
            <WorkspaceFacts workspace={workspace} />
            {ready && <RatchetPanel workspace={workspace} withLine={false} />}
            {actions}
          </details>
        </>
      ) : (
        <>
          <WorkspaceFacts workspace={workspace} />
          {status}
          {ready && <RatchetPanel workspace={workspace} />}
          {actions}
        </>
      )}
    </header>
  );
}
