import type { PullsRefresh } from '../../shared/contract/github';
import type { Project } from '../../shared/contract/projects';
import type { CiState, Workspace } from '../../shared/contract/workspaces';
import type { EventBus } from '../events/event-bus';
import type { Disposable } from '../lifecycle/disposable';
import type { Logger } from '../logging/logger';
import type { WorkspaceFacts } from '../workspaces/workspace-facts';
import { problemView } from './github-problems';
import type { GitHubService, GitHubSession } from './github-service';
import { type PullFacts, readOpenPullFacts, readPullFactsByNumber } from './pull-facts';
import { pullNote } from './pull-note';

export interface PullsServiceDeps {
  events: EventBus;
  logger: Logger;
  github: GitHubService;
  projects: { list(): Project[] };
  workspaces: {
    list(filter: { projectId?: string }): Workspace[];
    recordFacts(id: string, facts: WorkspaceFacts): unknown;
  };
  /** Between timed refreshes. */
  intervalMs?: number;
}

const DEFAULT_INTERVAL_MS = 60_000;
const CI: Record<PullFacts['ci']['state'], CiState> = {
  NONE: 'NONE',
  PENDING: 'PENDING',
  PASSING: 'SUCCESS',
  FAILING: 'FAILURE',
};

/**
 * Keeps each workspace's pull request facts (state, CI with the failing checks, review, threads,
 * mergeability) current: one batched read of every open PR per GitHub project links a PR to its workspace by
 * head branch; PRs that left the open list are read once more, together, to learn whether they merged or
 * closed. Facts are recorded only when they change; how each project's last read went is published.
 */
export class PullsService implements Disposable {
  private readonly timer: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  private readonly statuses = new Map<string, PullsRefresh>();
  private readonly reading = new Map<string, Promise<PullsRefresh>>();
  private readonly queued = new Map<string, Promise<PullsRefresh>>();
  private disposed = false;

  constructor(private readonly deps: PullsServiceDeps) {
    this.timer = setInterval(() => void this.refresh(), deps.intervalMs ?? DEFAULT_INTERVAL_MS);
    this.timer.unref();
    this.unsubscribe = deps.github.onSession((session) => {
      if (session) void this.refresh();
    });
  }

  /** How the last read of each GitHub project went. */
  list(): PullsRefresh[] {
    return this.githubProjects().map(
      (p) => this.statuses.get(p.id) ?? { projectId: p.id, refreshedAt: null, problem: null },
    );
  }

  /**
   * Reads the PRs of one project (or all) and records what changed on their workspaces. Reads of a project do
   * not overlap: asked while one is in flight, a caller gets the one read queued after it (so what it sees is
   * at least as new as its request), shared with every other caller asking meanwhile.
   */
  async refresh(projectId?: string): Promise<PullsRefresh[]> {
    const projects = this.githubProjects().filter((p) => !projectId || p.id === projectId);
    return Promise.all(projects.map((project) => this.schedule(project)));
  }

  dispose(): void {
    this.disposed = true;
    clearInterval(this.timer);
    this.unsubscribe();
  }

  private schedule(project: Project): Promise<PullsRefresh> {
    const running = this.reading.get(project.id);
    if (!running) {
      const read = this.read(project).finally(() => this.reading.delete(project.id));
      this.reading.set(project.id, read);
      return read;
    }
    const waiting = this.queued.get(project.id);
    if (waiting) return waiting;
    const next = running.then(() => {
      this.queued.delete(project.id);
      return this.schedule(project);
    });
    this.queued.set(project.id, next);
    return next;
  }

  private async read(project: Project): Promise<PullsRefresh> {
    const session = await this.deps.github.signedIn();
    if (this.disposed)
      return this.statuses.get(project.id) ?? { projectId: project.id, refreshedAt: null, problem: null };
    if (!session) {
      const message = 'Not signed in to GitHub: run `gh auth login`';
      return this.publish(project, { problem: { kind: 'UNAUTHORIZED', message, retryAt: null } });
    }
    const problem = await this.readProject(session, project);
    return this.publish(project, problem ? { problem } : { problem: null, refreshedAt: Date.now() });
  }

  /** Null when the read went through; else why not. */
  private async readProject(session: GitHubSession, project: Project): Promise<PullsRefresh['problem']> {
    const ref = { owner: project.github!.owner, repo: project.github!.repo };
    const workspaces = this.deps.workspaces
      .list({ projectId: project.id })
      .filter((w) => w.status !== 'ARCHIVED');
    if (workspaces.length === 0) return null;
    const open = await readOpenPullFacts(session.transport, ref);
    // The core may have shut down (and closed the store) while GitHub answered.
    if (this.disposed) return null;
    if (!open.ok) {
      this.deps.logger.warn(
        `Reading pull requests of ${ref.owner}/${ref.repo} failed: ${open.error.message}`,
      );
      return problemView(open.error);
    }
    const byBranch = new Map(open.value.map((pull) => [pull.headRef, pull]));
    const left: Workspace[] = [];
    for (const workspace of workspaces) {
      if (this.disposed) return null;
      const pull = byBranch.get(workspace.branch);
      if (pull) await this.record(project, workspace, pull);
      else if (workspace.pr && (workspace.pr.state === 'OPEN' || workspace.pr.state === 'DRAFT')) {
        left.push(workspace);
      }
    }
    if (left.length === 0) return null;
    // No longer open: merged or closed. One request for all of them.
    const gone = await readPullFactsByNumber(
      session.transport,
      ref,
      left.map((w) => w.pr!.number),
    );
    if (!gone.ok) {
      this.deps.logger.warn(
        `Reading closed pull requests of ${ref.owner}/${ref.repo} failed: ${gone.error.message}`,
      );
      return problemView(gone.error);
    }
    const byNumber = new Map(gone.value.map((pull) => [pull.number, pull]));
    for (const workspace of left) {
      if (this.disposed) return null;
      const pull = byNumber.get(workspace.pr!.number);
      if (pull && pull.headRef === workspace.branch) await this.record(project, workspace, pull);
    }
    return null;
  }

  private async record(project: Project, workspace: Workspace, pull: PullFacts): Promise<void> {
    const facts: WorkspaceFacts = {
      pr: { number: pull.number, url: pull.url, state: pull.state },
      ciState: CI[pull.ci.state],
      reviewState: pull.reviewDecision ?? 'NONE',
      prDetails: {
        failingChecks: pull.ci.failing.slice(0, 100),
        unresolvedThreads: pull.unresolvedThreads,
        mergeable: pull.mergeable,
        headSha: pull.headSha,
        note: await pullNote(project.path, workspace.branch, pull),
      },
    };
    const changed = (Object.keys(facts) as Array<keyof WorkspaceFacts>).some(
      (key) => JSON.stringify(facts[key]) !== JSON.stringify(workspace[key]),
    );
    if (changed && !this.disposed) this.deps.workspaces.recordFacts(workspace.id, facts);
  }

  private publish(project: Project, patch: Partial<PullsRefresh>): PullsRefresh {
    const previous = this.statuses.get(project.id) ?? {
      projectId: project.id,
      refreshedAt: null,
      problem: null,
    };
    const status = { ...previous, ...patch };
    if (this.disposed) return status;
    this.statuses.set(project.id, status);
    this.deps.events.publish({ type: 'github.pulls', pulls: status });
    return status;
  }

  private githubProjects(): Project[] {
    return this.deps.projects.list().filter((p) => p.github);
  }
}
