import { and, desc, eq, isNotNull, ne } from 'drizzle-orm';
import type { Workspace, WorkspaceStatus } from '../../shared/contract/workspaces';
import type { Db } from '../store/database';
import { workspaces } from '../store/schema';

export type WorkspaceRow = typeof workspaces.$inferSelect;

export interface NewWorkspace {
  id: string;
  projectId: string;
  name: string;
  branch: string;
  baseBranch: string;
  worktreePath: string;
  status: WorkspaceStatus;
  runPort: number | null;
}

export type WorkspacePatch = Partial<
  Pick<
    WorkspaceRow,
    | 'name'
    | 'status'
    | 'statusReason'
    | 'runPort'
    | 'hasMergeConflict'
    | 'archivedAt'
    | 'lastActivityAt'
    | 'worktreePath'
    | 'issueNumber'
    | 'issueTitle'
    | 'issueUrl'
    | 'prNumber'
    | 'prUrl'
    | 'prState'
    | 'ciState'
    | 'reviewState'
    | 'prDetails'
    | 'firstSession'
    | 'ratchetEnabled'
  >
>;

/** Facts computed from git and kept in memory only (recomputed after a restart). */
export interface WorkspaceInsights {
  collisions: string[];
  collidesWith: string[];
  aheadBehind: { ahead: number; behind: number } | null;
}

const NO_INSIGHTS: WorkspaceInsights = { collisions: [], collidesWith: [], aheadBehind: null };

/** The only writer of the `workspaces` table. */
export class WorkspacesRepository {
  constructor(private readonly db: Db) {}

  static toWorkspace(row: WorkspaceRow, insights: WorkspaceInsights = NO_INSIGHTS): Workspace {
    return {
      id: row.id,
      projectId: row.projectId,
      name: row.name,
      branch: row.branch,
      baseBranch: row.baseBranch,
      worktreePath: row.worktreePath,
      status: row.status,
      statusReason: row.statusReason,
      runPort: row.runPort,
      issue:
        row.issueNumber != null
          ? { number: row.issueNumber, title: row.issueTitle ?? '', url: row.issueUrl ?? '' }
          : null,
      pr:
        row.prNumber != null
          ? {
              number: row.prNumber,
              url: row.prUrl ?? '',
              state: row.prState ?? null,
            }
          : null,
      ciState: row.ciState ?? null,
      reviewState: row.reviewState ?? null,
      prDetails: row.prDetails ?? null,
      hasMergeConflict: row.hasMergeConflict ?? false,
      ratchetEnabled: row.ratchetEnabled,
      collisions: insights.collisions,
      collidesWith: insights.collidesWith,
      aheadBehind: insights.aheadBehind,
      lastActivityAt: row.lastActivityAt?.getTime() ?? null,
      createdAt: row.createdAt.getTime(),
      updatedAt: row.updatedAt.getTime(),
      archivedAt: row.archivedAt?.getTime() ?? null,
    };
  }

  get(id: string): WorkspaceRow | null {
    return this.db.select().from(workspaces).where(eq(workspaces.id, id)).get() ?? null;
  }

  list(filter: { projectId?: string; includeArchived?: boolean } = {}): WorkspaceRow[] {
    const conditions = [];
    if (filter.projectId) conditions.push(eq(workspaces.projectId, filter.projectId));
    if (!filter.includeArchived) conditions.push(ne(workspaces.status, 'ARCHIVED'));
    return this.db
      .select()
      .from(workspaces)
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(desc(workspaces.createdAt))
      .all();
  }

  listByStatus(status: WorkspaceStatus): WorkspaceRow[] {
    return this.db.select().from(workspaces).where(eq(workspaces.status, status)).all();
  }

  /** Ports held by workspaces that are not archived. */
  usedPorts(): Set<number> {
    const rows = this.db
      .select({ port: workspaces.runPort })
      .from(workspaces)
      .where(and(isNotNull(workspaces.runPort), ne(workspaces.status, 'ARCHIVED')))
      .all();
    return new Set(rows.map((r) => r.port!));
  }

  /** Worktree paths recorded for any workspace (archived ones too: their folder may be recreated). */
  hasWorktreePath(worktreePath: string): boolean {
    return !!this.db
      .select({ id: workspaces.id })
      .from(workspaces)
      .where(eq(workspaces.worktreePath, worktreePath))
      .get();
  }

  insert(input: NewWorkspace): WorkspaceRow {
    const now = new Date();
    return this.db
      .insert(workspaces)
      .values({ ...input, createdAt: now, updatedAt: now })
      .returning()
      .get();
  }

  update(id: string, patch: WorkspacePatch): WorkspaceRow | null {
    return (
      this.db
        .update(workspaces)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(workspaces.id, id))
        .returning()
        .get() ?? null
    );
  }
}
