import type { KanbanColumn } from '@shared/lib/kanban-column';
import { useMemo } from 'react';
import { useUi } from '../../app/ui-store';
import { useProjects } from '../../stores/projects-store';
import { useSessions } from '../../stores/sessions-store';
import { useWorkspaces } from '../../stores/workspaces-store';
import { BoardCard } from './board-card';
import { buildBoard } from './board-model';
import { IssuesColumnBody, useIssueCount } from './issues-column';
import { PullsRefresh } from './pulls-refresh';

const titles: Record<KanbanColumn, string> = {
  ISSUES: 'Issues',
  WORKING: 'Working',
  WAITING: 'Waiting',
  DONE: 'Done',
};

/** The kanban board of one project or of all; columns are derived live from stored facts. */
export function Board({ projectId }: { projectId: string | null }) {
  const workspaces = useWorkspaces((s) => s.byId);
  const sessions = useSessions((s) => s.byId);
  const project = useProjects((s) => (projectId ? s.byId[projectId] : undefined));
  const hasProjects = useProjects((s) => Object.keys(s.byId).length > 0);
  const openNewWorkspace = useUi((s) => s.openNewWorkspace);
  const issueCount = useIssueCount(projectId);
  const columns = useMemo(
    () => buildBoard(workspaces, sessions, projectId),
    [workspaces, sessions, projectId],
  );

  return (
    <section className="board-page" aria-labelledby="board-title">
      <header className="page-header">
        <h1 id="board-title">{project ? project.name : 'All projects'}</h1>
        <PullsRefresh projectId={projectId} />
        {project && (
          <button type="button" className="btn btn-primary" onClick={() => openNewWorkspace(project.id)}>
            New workspace
          </button>
        )}
      </header>
      {!hasProjects && (
        <p className="empty">Add a project (a local git repository) in the sidebar to get started.</p>
      )}
      <div className="board">
        <BoardColumn column="ISSUES" count={issueCount}>
          <IssuesColumnBody projectId={projectId} />
        </BoardColumn>
        {(['WORKING', 'WAITING', 'DONE'] as const).map((column) => (
          <BoardColumn key={column} column={column} count={columns[column].length}>
            {columns[column].length === 0 && <p className="column-empty">Nothing here.</p>}
            {columns[column].map((card) => (
              <BoardCard key={card.workspace.id} card={card} showProject={projectId === null} />
            ))}
          </BoardColumn>
        ))}
      </div>
    </section>
  );
}

function BoardColumn({
  column,
  count,
  children,
}: {
  column: KanbanColumn;
  count: number;
  children: React.ReactNode;
}) {
  const id = `column-${column.toLowerCase()}`;
  return (
    <section className="board-column" aria-labelledby={id} data-column={column}>
      <h2 id={id} className="column-title">
        {titles[column]} <span className="column-count">{count}</span>
      </h2>
      <div className="column-cards">{children}</div>
    </section>
  );
}
