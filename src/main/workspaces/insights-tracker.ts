import type { Project } from '../../shared/contract/projects';
import { aheadBehind, changedPaths, mergeBase } from '../git/changes';
import { resolveRef } from '../git/refs';
import type { Logger } from '../logging/logger';
import { syncInProgress } from './workspace-git';
import type { WorkspaceInsights, WorkspaceRow, WorkspacesRepository } from './workspaces-repository';

const SCAN_CONCURRENCY = 4;
/**
 * How long `schedule` gathers requests before one refresh: twenty agents ending their turns together cost one
 * scan of the project's worktrees, not twenty, and its git work lands after the burst rather than inside it.
 */
const SCHEDULE_COALESCE_MS = 500;

export interface InsightsTrackerDeps {
  repo: WorkspacesRepository;
  logger: Logger;
  project(id: string): Project | null;
  /** Publishes `workspace.changed` for a row whose insights changed. */
  publish(row: WorkspaceRow): void;
  /** Clears `hasMergeConflict` once the rebase/merge was finished outside `sync` (e.g. by an agent). */
  clearConflict(id: string): void;
  intervalMs: number;
}

/**
 * Collision awareness and ahead/behind: for each READY workspace the set of files it changed vs its base;
 * paths touched by two active workspaces of one project are collisions, carried by both. Kept in memory,
 * recomputed on demand (coalesced per project) and on a slow timer for edits made outside the app.
 */
export class InsightsTracker {
  private readonly byWorkspace = new Map<string, WorkspaceInsights>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private readonly scheduled = new Map<string, NodeJS.Timeout>();
  private disposed = false;

  constructor(private readonly deps: InsightsTrackerDeps) {}

  get(id: string): WorkspaceInsights | undefined {
    return this.byWorkspace.get(id);
  }

  start(): void {
    if (this.deps.intervalMs > 0) {
      this.timer = setInterval(() => this.refreshAll(), this.deps.intervalMs);
      this.timer.unref();
    }
    this.refreshAll();
  }

  /** Requests a refresh within SCHEDULE_COALESCE_MS; requests made meanwhile join it. */
  schedule(projectId: string): void {
    if (this.disposed || this.scheduled.has(projectId)) return;
    const timer = setTimeout(() => {
      this.scheduled.delete(projectId);
      void this.refresh(projectId);
    }, SCHEDULE_COALESCE_MS);
    timer.unref();
    this.scheduled.set(projectId, timer);
  }

  /** Refreshes now; a refresh already running for the project is followed by exactly one more. */
  refresh(projectId: string): Promise<void> {
    if (this.disposed) return Promise.resolve();
    const current = this.running.get(projectId);
    if (current) {
      this.again.add(projectId);
      return current.then(() => this.running.get(projectId));
    }
    const run = this.compute(projectId)
      .catch((error) => this.deps.logger.warn(`Could not compute collisions for project ${projectId}`, error))
      .finally(() => {
        this.running.delete(projectId);
        if (this.again.delete(projectId)) void this.refresh(projectId);
      });
    this.running.set(projectId, run);
    return run;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearInterval(this.timer);
    for (const timer of this.scheduled.values()) clearTimeout(timer);
    this.scheduled.clear();
  }

  private refreshAll(): void {
    const projects = new Set(this.deps.repo.listByStatus('READY').map((r) => r.projectId));
    for (const id of projects) void this.refresh(id);
  }

  private async compute(projectId: string): Promise<void> {
    const project = this.deps.project(projectId);
    const rows = this.deps.repo.list({ projectId, includeArchived: true });
    const active = rows.filter((r) => r.status === 'READY');
    const facts = new Map<string, { paths: string[]; counts: WorkspaceInsights['aheadBehind'] }>();
    if (project) {
      // At most SCAN_CONCURRENCY worktrees are scanned at once: each scan stats every file of a worktree.
      const queue = [...active];
      const scan = async (row: WorkspaceRow) => {
        const base = (await resolveRef(row.worktreePath, `refs/heads/${row.baseBranch}`))
          ? `refs/heads/${row.baseBranch}`
          : `refs/remotes/origin/${row.baseBranch}`;
        const fork = await mergeBase(row.worktreePath, base);
        const paths = fork ? await changedPaths(row.worktreePath, fork) : null;
        facts.set(row.id, { paths: paths ?? [], counts: await aheadBehind(row.worktreePath, base) });
        if (row.hasMergeConflict && !(await syncInProgress(row.worktreePath)))
          this.deps.clearConflict(row.id);
      };
      const worker = async () => {
        for (let row = queue.shift(); row && !this.disposed; row = queue.shift()) await scan(row);
      };
      await Promise.all(Array.from({ length: SCAN_CONCURRENCY }, worker));
    }
    if (this.disposed) return;
    const owners = new Map<string, string[]>();
    for (const [id, f] of facts) {
      for (const p of f.paths) owners.set(p, [...(owners.get(p) ?? []), id]);
    }
    for (const row of rows) {
      const f = facts.get(row.id);
      const collisions = f ? f.paths.filter((p) => (owners.get(p)?.length ?? 0) > 1).sort() : [];
      const others = new Set(collisions.flatMap((p) => owners.get(p)!).filter((id) => id !== row.id));
      const next: WorkspaceInsights = {
        collisions,
        collidesWith: [...others].sort(),
        aheadBehind: f?.counts ?? null,
      };
      const previous = this.byWorkspace.get(row.id);
      if (JSON.stringify(previous ?? null) === JSON.stringify(next)) continue;
      if (!f && !previous) continue;
      if (f) this.byWorkspace.set(row.id, next);
      else this.byWorkspace.delete(row.id);
      const fresh = this.deps.repo.get(row.id);
      if (fresh) this.deps.publish(fresh);
    }
  }
}
