import type { Session } from '@shared/contract/sessions';
import type { Workspace } from '@shared/contract/workspaces';
import { deriveKanbanColumn, type KanbanPlacement } from '@shared/lib/kanban-column';

export interface BoardCard {
  workspace: Workspace;
  sessions: Session[];
  placement: KanbanPlacement;
  /** Most recent activity of the workspace or any of its sessions. */
  lastActivityAt: number | null;
}

export interface BoardColumns {
  WORKING: BoardCard[];
  WAITING: BoardCard[];
  DONE: BoardCard[];
}

/** Places every workspace of the project (or all projects) in its derived column, most recent first. */
export function buildBoard(
  workspaces: Record<string, Workspace>,
  sessions: Record<string, Session>,
  projectId: string | null,
): BoardColumns {
  const byWorkspace = new Map<string, Session[]>();
  for (const s of Object.values(sessions)) {
    const list = byWorkspace.get(s.workspaceId) ?? [];
    list.push(s);
    byWorkspace.set(s.workspaceId, list);
  }
  const columns: BoardColumns = { WORKING: [], WAITING: [], DONE: [] };
  for (const workspace of Object.values(workspaces)) {
    if (projectId !== null && workspace.projectId !== projectId) continue;
    const own = (byWorkspace.get(workspace.id) ?? []).sort((a, b) => a.createdAt - b.createdAt);
    const placement = deriveKanbanColumn({
      workspaceStatus: workspace.status,
      sessionStatuses: own.map((s) => s.status),
      prState: workspace.pr?.state ?? null,
      ciState: workspace.ciState,
      reviewState: workspace.reviewState,
    });
    if (!placement.column) continue;
    const activity = [workspace.lastActivityAt, ...own.map((s) => s.lastActivityAt)].filter(
      (t): t is number => typeof t === 'number',
    );
    columns[placement.column].push({
      workspace,
      sessions: own,
      placement,
      lastActivityAt: activity.length ? Math.max(...activity) : null,
    });
  }
  const recentFirst = (a: BoardCard, b: BoardCard) =>
    (b.lastActivityAt ?? b.workspace.createdAt) - (a.lastActivityAt ?? a.workspace.createdAt);
  for (const list of Object.values(columns)) list.sort(recentFirst);
  return columns;
}
