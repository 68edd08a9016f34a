import type { CreatedPull, PullDraft } from '../../shared/contract/github';
import type { Project } from '../../shared/contract/projects';
import type { ProgressStep, Workspace } from '../../shared/contract/workspaces';
import { err, ok, type Result } from '../../shared/lib/result';
import type { EventBus } from '../events/event-bus';
import { resolveRef } from '../git/refs';
import { runGit } from '../git/run-git';
import type { Logger } from '../logging/logger';
import type { PromptLibrary } from '../prompts/prompt-library';
import type { WorkspaceError } from '../workspaces/workspace-errors';
import type { WorkspaceFacts } from '../workspaces/workspace-facts';
import type { RepoRef } from './github-api';
import { problemView } from './github-problems';
import type { GitHubService, GitHubSession } from './github-service';
import { renderPullDraft } from './pull-template';

export type PullCreateProblem = WorkspaceError | { code: 'CONFLICT'; reason: string };

export interface PullCreatorDeps {
  events: EventBus;
  logger: Logger;
  github: GitHubService;
  projects: { get(id: string): Project | null };
  /** The title and body template, `github/pull-request` (overridable like every prompt). */
  prompts: Pick<PromptLibrary, 'text'>;
  workspaces: {
    get(id: string): Workspace | null;
    push(input: { id: string }): Promise<Result<{ remote: string; branch: string }, WorkspaceError>>;
    recordFacts(id: string, facts: WorkspaceFacts): Result<Workspace, WorkspaceError>;
  };
}

interface Target {
  workspace: Workspace;
  ref: RepoRef;
  session: GitHubSession;
}

/**
 * Opens a workspace's pull request: its draft from the template, then push and create (or link the PR the
 * branch already has). The PR is recorded on the workspace at once, so the card shows it before the next
 * refresh reads its CI and reviews.
 */
export class PullCreator {
  constructor(private readonly deps: PullCreatorDeps) {}

  async draft(workspaceId: string): Promise<Result<PullDraft, PullCreateProblem>> {
    const target = await this.target(workspaceId);
    if (!target.ok) return target;
    const { workspace, ref, session } = target.value;
    const existing = await session.api.pullForBranch(ref, workspace.branch);
    if (!existing.ok) return err(unavailable(existing.error));
    const open = existing.value && ['OPEN', 'DRAFT'].includes(existing.value.state) ? existing.value : null;
    return ok({
      ...(await this.render(workspace)),
      base: workspace.baseBranch,
      head: workspace.branch,
      existing: open ? { number: open.number, url: open.url } : null,
    });
  }

  private async render(workspace: Workspace): Promise<{ title: string; body: string }> {
    const projectPath = this.deps.projects.get(workspace.projectId)?.path;
    return renderPullDraft(await this.deps.prompts.text('github/pull-request', projectPath), {
      workspace: workspace.name,
      branch: workspace.branch,
      base: workspace.baseBranch,
      issue: workspace.issue,
      commits: await commitSubjects(workspace),
    });
  }

  async create(input: {
    workspaceId: string;
    title?: string;
    body?: string;
    draft: boolean;
  }): Promise<Result<CreatedPull, PullCreateProblem>> {
    const target = await this.target(input.workspaceId);
    if (!target.ok) return target;
    const { workspace, ref, session } = target.value;
    this.progress(workspace.id, 'push', `Pushing ${workspace.branch} to origin…`);
    const pushed = await this.deps.workspaces.push({ id: workspace.id });
    if (!pushed.ok) {
      this.progress(workspace.id, 'push', 'The push failed', 'error');
      return pushed;
    }
    this.progress(workspace.id, 'pull_request', `Creating the pull request into ${workspace.baseBranch}…`);
    const linked = await this.linkOpenPull(workspace, ref, session);
    if (linked) return linked;
    const drafted =
      input.title === undefined || input.body === undefined ? await this.render(workspace) : null;
    const created = await session.api.createPull(ref, {
      title: input.title ?? drafted?.title ?? workspace.name,
      body: input.body ?? drafted?.body ?? '',
      head: workspace.branch,
      base: workspace.baseBranch,
      draft: input.draft,
    });
    if (!created.ok) {
      // Someone (or a second click) opened one meanwhile: link it rather than fail.
      const raced =
        created.error.kind === 'INVALID' ? await this.linkOpenPull(workspace, ref, session) : null;
      if (raced) return raced;
      this.progress(workspace.id, 'pull_request', 'GitHub did not create the pull request', 'error');
      const view = problemView(created.error);
      return err(
        created.error.kind === 'INVALID'
          ? { code: 'INVALID', reason: view.message }
          : { code: 'UNAVAILABLE', reason: view.message },
      );
    }
    const pull = created.value;
    this.deps.logger.info(
      `Created PR #${pull.number} of ${ref.owner}/${ref.repo} for workspace ${workspace.id}${input.draft ? ' (draft)' : ''}`,
    );
    return this.record(workspace, { number: pull.number, url: pull.url, state: pull.state }, false);
  }

  private async linkOpenPull(
    workspace: Workspace,
    ref: RepoRef,
    session: GitHubSession,
  ): Promise<Result<CreatedPull, PullCreateProblem> | null> {
    const existing = await session.api.pullForBranch(ref, workspace.branch);
    if (!existing.ok || !existing.value) return null;
    const pull = existing.value;
    if (pull.state !== 'OPEN' && pull.state !== 'DRAFT') return null;
    this.deps.logger.info(
      `Linked the open PR #${pull.number} of ${workspace.branch} to workspace ${workspace.id}`,
    );
    return this.record(workspace, { number: pull.number, url: pull.url, state: pull.state }, true);
  }

  private record(
    workspace: Workspace,
    pr: NonNullable<Workspace['pr']>,
    linked: boolean,
  ): Result<CreatedPull, PullCreateProblem> {
    const same = workspace.pr?.number === pr.number;
    const recorded = this.deps.workspaces.recordFacts(workspace.id, {
      pr,
      // A new PR's CI and reviews are unknown until the next read; a relinked one keeps what was read.
      ...(same ? {} : { ciState: null, reviewState: null, prDetails: null }),
    });
    if (!recorded.ok) return recorded;
    const verb = linked ? 'Linked' : 'Created';
    this.progress(workspace.id, 'done', `${verb} pull request #${pr.number}`);
    return ok({ workspace: recorded.value, pull: { number: pr.number, url: pr.url }, linked });
  }

  private async target(workspaceId: string): Promise<Result<Target, PullCreateProblem>> {
    const workspace = this.deps.workspaces.get(workspaceId);
    if (!workspace) return err({ code: 'NOT_FOUND', entity: 'workspace', id: workspaceId });
    if (workspace.status !== 'READY') {
      return err({ code: 'WRONG_STATUS', status: workspace.status, allowed: ['READY'] });
    }
    const project = this.deps.projects.get(workspace.projectId);
    if (!project) return err({ code: 'NOT_FOUND', entity: 'project', id: workspace.projectId });
    if (!project.github) {
      return err({ code: 'CONFLICT', reason: `${project.name}'s origin is not a GitHub repository` });
    }
    const session = await this.deps.github.signedIn();
    if (!session) {
      return err({ code: 'UNAVAILABLE', reason: 'Not signed in to GitHub: run `gh auth login`' });
    }
    return ok({ workspace, ref: project.github, session });
  }

  private progress(
    workspaceId: string,
    step: ProgressStep,
    message: string,
    level: 'info' | 'error' = 'info',
  ) {
    this.deps.events.publish({
      type: 'workspace.progress',
      progress: { workspaceId, step, level, message, at: Date.now() },
    });
  }
}

function unavailable(problem: Parameters<typeof problemView>[0]): PullCreateProblem {
  return { code: 'UNAVAILABLE', reason: problemView(problem).message };
}

/** Subjects of the branch's own commits (not on its base), oldest first, at most 50. */
async function commitSubjects(workspace: Workspace): Promise<string[]> {
  const cwd = workspace.worktreePath;
  const base = (await resolveRef(cwd, `refs/remotes/origin/${workspace.baseBranch}`))
    ? `refs/remotes/origin/${workspace.baseBranch}`
    : `refs/heads/${workspace.baseBranch}`;
  const r = await runGit(
    ['log', '--reverse', '--no-merges', '--format=%s', '-n', '50', `${base}..refs/heads/${workspace.branch}`],
    { cwd },
  );
  return r.ok ? r.stdout.split('\n').filter(Boolean) : [];
}
