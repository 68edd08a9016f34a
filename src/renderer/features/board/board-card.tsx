import { KANBAN_REASON_LABEL } from '@shared/lib/kanban-column';
import { navigate } from '../../app/router-store';
import { useProjects } from '../../stores/projects-store';
import { useClient } from '../../transport/client-context';
import { Badge } from '../../ui/badge';
import { Icon } from '../../ui/icons';
import { RelativeTime } from '../../ui/relative-time';
import { CardIterate } from '../automation/iterate-progress';
import { RatchetLine } from '../ratchet/ratchet-line';
import { RatchetToggle } from '../ratchet/ratchet-toggle';
import { archiveWorkspace } from '../workspace/archive-workspace';
import { SessionStatusBadge, WorkspaceStatusBadge } from '../workspace/status-badges';
import type { BoardCard as Card } from './board-model';
import { PrBadges } from './pr-badges';

export function BoardCard({ card, showProject }: { card: Card; showProject: boolean }) {
  const client = useClient();
  const { workspace, sessions, placement } = card;
  const projectName = useProjects((s) => s.byId[workspace.projectId]?.name);
  const providers = [...new Set(sessions.map((s) => s.provider))];
  const merged = workspace.pr?.state === 'MERGED';
  const open = () => navigate({ name: 'workspace', workspaceId: workspace.id, tab: null });
  return (
    <article className="card" aria-label={`Workspace ${workspace.name}`} data-reason={placement.reason}>
      <header className="card-header">
        <h3 className="card-title">
          <button type="button" className="card-open-link" onClick={open}>
            {workspace.name}
          </button>
        </h3>
        {workspace.status !== 'READY' && <WorkspaceStatusBadge status={workspace.status} />}
      </header>
      {showProject && projectName && <p className="card-project">{projectName}</p>}
      <p className="card-branch mono" title={`Branch ${workspace.branch}`}>
        {workspace.branch}
      </p>
      <p className="card-state">{KANBAN_REASON_LABEL[placement.reason]}</p>
      <div className="badge-row">
        {providers.map((p) => (
          <Badge key={p} label={`Provider ${p}`}>
            {p}
          </Badge>
        ))}
        {sessions.map((s) => (
          <SessionStatusBadge key={s.id} status={s.status} />
        ))}
      </div>
      <PrBadges workspace={workspace} compact />
      <CardIterate workspaceId={workspace.id} />
      <RatchetLine workspace={workspace} />
      {workspace.collisions.length > 0 && (
        <p className="card-collision" role="note" title={workspace.collisions.join('\n')}>
          <Icon name="warning" size={14} /> {workspace.collisions.length} file(s) also changed in{' '}
          {workspace.collidesWith.length} other workspace(s)
        </p>
      )}
      <footer className="card-footer">
        <span className="card-activity">
          Active <RelativeTime at={card.lastActivityAt} />
        </span>
        <span className="card-actions">
          {workspace.pr && <RatchetToggle workspace={workspace} />}
          <button
            type="button"
            className="btn btn-small"
            onClick={open}
            aria-label={`Open ${workspace.name}`}
          >
            Open
          </button>
          <button
            type="button"
            className={`btn btn-small ${merged ? 'btn-primary' : 'btn-ghost'}`}
            aria-label={`Archive ${workspace.name}`}
            title={merged ? 'The pull request is merged: archive this workspace' : undefined}
            disabled={workspace.status === 'ARCHIVING' || workspace.status === 'PROVISIONING'}
            onClick={() => void archiveWorkspace(client, workspace)}
          >
            <Icon name="archive" size={14} />
            {merged && ' Archive'}
          </button>
        </span>
      </footer>
    </article>
  );
}
