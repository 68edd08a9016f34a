import type { PullsRefresh } from '../../shared/contract/github';
import type { Project } from '../../shared/contract/projects';
import type { CiState, ReviewState, Workspace } from '../../shared/contract/workspaces';
import type { Disposable } from '../lifecycle/disposable';
import type { Logger } from '../logging/logger';
import type { WorkspaceFacts } from '../workspaces/workspace-facts';
import { problemView } from './github-problems';
import type { GitHubService, GitHubSession } from './github-service';
import { type PullFacts, readOpenPullFacts } from './pull-facts';

export interface PullsServiceDeps {
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
 * Keeps each workspace's pull request facts (state, CI, review) current: one batched read of every open PR
 * per GitHub project links a PR to its workspace by head branch; a PR that left the open list is looked up
 * once by branch to learn whether it merged or closed. Facts are recorded only when they change.
 */
export class PullsService implements Disposable {
  private readonly timer: NodeJS.Timeout;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: PullsServiceDeps) {
    this.timer = setInterval(() => void this.refresh(), deps.intervalMs ?? DEFAULT_INTERVAL_MS);
    this.timer.unref();
    this.unsubscribe = deps.github.onSession((session) => {
      if (session) void this.refresh();
    });
  }

  /** Reads the PRs of one project (or all) and records what changed on their workspaces. */
  async refresh(projectId?: string): Promise<PullsRefresh[]> {
    const session = await this.deps.github.signedIn();
    const projects = this.deps.projects.list().filter((p) => p.github && (!projectId || p.id === projectId));
    return Promise.all(
      projects.map(async (project) => {
        if (!session) {
          const message = 'Not signed in to GitHub: run `gh auth login`';
          return {
            projectId: project.id,
            problem: { kind: 'UNAUTHORIZED' as const, message, retryAt: null },
          };
        }
        return this.refreshProject(session, project);
      }),
    );
  }

  dispose(): void {
    clearInterval(this.timer);
    this.unsubscribe();
  }

  private async refreshProject(session: GitHubSession, project: Project): Promise<PullsRefresh> {
    const ref = { owner: project.github!.owner, repo: project.github!.repo };
    const workspaces = this.deps.workspaces
      .list({ projectId: project.id })
      .filter((w) => w.status !== 'ARCHIVED');
    if (workspaces.length === 0) return { projectId: project.id, problem: null };
    const open = await readOpenPullFacts(session.transport, ref);
    if (!open.ok) {
      this.deps.logger.warn(
        `Reading pull requests of ${ref.owner}/${ref.repo} failed: ${open.error.message}`,
      );
      return { projectId: project.id, problem: problemView(open.error) };
    }
    const byBranch = new Map(open.value.map((pull) => [pull.headRef, pull]));
    for (const workspace of workspaces) {
      const pull = byBranch.get(workspace.branch);
      if (pull) {
        this.record(workspace, {
          pr: { number: pull.number, url: pull.url, state: pull.state },
          ciState: CI[pull.ci.state],
          reviewState: (pull.reviewDecision ?? 'NONE') satisfies ReviewState,
        });
      } else if (workspace.pr && (workspace.pr.state === 'OPEN' || workspace.pr.state === 'DRAFT')) {
        // No longer open: merged or closed (or its branch changed); ask once by branch.
        const found = await session.api.pullForBranch(ref, workspace.branch);
        if (found.ok && found.value) {
          this.record(workspace, {
            pr: { number: found.value.number, url: found.value.url, state: found.value.state },
          });
        }
      }
    }
    return { projectId: project.id, problem: null };
  }

  private record(workspace: Workspace, facts: WorkspaceFacts): void {
    const same =
      (facts.pr === undefined || JSON.stringify(facts.pr) === JSON.stringify(workspace.pr)) &&
      (facts.ciState === undefined || facts.ciState === workspace.ciState) &&
      (facts.reviewState === undefined || facts.reviewState === workspace.reviewState);
    if (!same) this.deps.workspaces.recordFacts(workspace.id, facts);
  }
}
