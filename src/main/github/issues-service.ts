import type { IssueCard, ProjectIssues } from '../../shared/contract/github';
import type { Project } from '../../shared/contract/projects';
import type { Workspace } from '../../shared/contract/workspaces';
import { displayName } from '../../shared/lib/display-name';
import { err, ok, type Result } from '../../shared/lib/result';
import type { EventBus } from '../events/event-bus';
import type { Disposable } from '../lifecycle/disposable';
import type { Logger } from '../logging/logger';
import { type PromptLibrary, promptProblemText } from '../prompts/prompt-library';
import type { FirstSession } from '../store/schema/workspaces';
import type { WorkspaceError } from '../workspaces/workspace-errors';
import type { WorkspaceFacts } from '../workspaces/workspace-facts';
import type { GitHubIssue } from './github-api';
import { problemView } from './github-problems';
import type { GitHubService } from './github-service';
import { ISSUE_PROMPT_ID, issuePromptValues } from './issue-prompt';

export type IssueStartProblem =
  | WorkspaceError
  | { code: 'NOT_FOUND'; entity: 'issue'; id: string }
  | { code: 'CONFLICT'; reason: string }
  | { code: 'UNAVAILABLE'; reason: string };

export interface IssuesServiceDeps {
  events: EventBus;
  logger: Logger;
  github: GitHubService;
  projects: { list(): Project[]; get(id: string): Project | null };
  workspaces: {
    list(filter: { projectId?: string }): Workspace[];
    create(input: { projectId: string; name: string }): Promise<Result<Workspace, WorkspaceError>>;
    recordFacts(id: string, facts: WorkspaceFacts): Result<Workspace, WorkspaceError>;
    firstSession(id: string): FirstSession | null;
    setFirstSession(id: string, first: FirstSession | null): void;
  };
  /** Starts the workspace's first session with the issue as its first prompt. */
  startSession(input: {
    workspaceId: string;
    provider: string;
    title: string;
    prompt: string;
  }): Result<unknown, { code: string }>;
  /** Renders `github/issue` (overridable per user and project). */
  prompts: Pick<PromptLibrary, 'get' | 'render'>;
  /** Between timed refreshes of every project's issues. */
  intervalMs?: number;
}

interface Entry {
  view: ProjectIssues;
  /** The full issues of the last good read (bodies stay in the core). */
  issues: GitHubIssue[];
}

const DEFAULT_INTERVAL_MS = 5 * 60_000;

/**
 * The ISSUES column: for every project whose origin is on GitHub, the open issues assigned to the signed-in
 * user, read on a timer, when sign-in or the projects change, and on demand; and "start" on one of them.
 * A failed read keeps the last good issues and says why beside them.
 */
export class IssuesService implements Disposable {
  private readonly entries = new Map<string, Entry>();
  /** Workspaces whose first session (stored on the workspace) waits for READY. */
  private readonly waiting = new Set<string>();
  private readonly starting = new Set<string>();
  private readonly timer: NodeJS.Timeout;
  private readonly stop: Array<() => void> = [];
  private disposed = false;

  constructor(private readonly deps: IssuesServiceDeps) {
    this.timer = setInterval(() => void this.refresh(), deps.intervalMs ?? DEFAULT_INTERVAL_MS);
    this.timer.unref();
    this.stop.push(deps.github.onSession(() => void this.refresh()));
    this.stop.push(
      deps.events.on((event) => {
        if (event.type === 'project.changed' && event.project.github && !this.entries.has(event.project.id)) {
          void this.refresh(event.project.id);
        } else if (event.type === 'project.removed') {
          this.entries.delete(event.projectId);
        } else if (event.type === 'workspace.changed' && this.waiting.has(event.workspace.id)) {
          // After this event has reached every listener: a session's events must follow it, not overtake it.
          const workspace = event.workspace;
          queueMicrotask(() => this.startPendingSession(workspace));
        }
      }),
    );
    // A restart before a started issue's worktree was READY: its first session is still stored.
    for (const workspace of deps.workspaces.list({})) {
      if (!deps.workspaces.firstSession(workspace.id)) continue;
      this.waiting.add(workspace.id);
      queueMicrotask(() => this.startPendingSession(workspace));
    }
  }

  /** The last read of every GitHub project. */
  list(): ProjectIssues[] {
    return this.githubProjects().map((p) => this.entry(p).view);
  }

  /** Reads the issues again (of one project, or of all) and publishes each project's result. */
  async refresh(projectId?: string): Promise<ProjectIssues[]> {
    const projects = this.githubProjects().filter((p) => !projectId || p.id === projectId);
    return Promise.all(projects.map((p) => this.read(p)));
  }

  async start(input: {
    projectId: string;
    number: number;
    provider: string;
  }): Promise<Result<Workspace, IssueStartProblem>> {
    const project = this.deps.projects.get(input.projectId);
    if (!project) return err({ code: 'NOT_FOUND', entity: 'project', id: input.projectId });
    if (!project.github)
      return err({ code: 'CONFLICT', reason: `${project.name}'s origin is not on GitHub` });
    const key = `${project.id}#${input.number}`;
    const linked = this.linkedWorkspace(project.id, input.number);
    if (linked || this.starting.has(key)) {
      return err({
        code: 'CONFLICT',
        reason: `Issue #${input.number} is already being worked on${linked ? ` in "${linked.name}"` : ''}`,
      });
    }
    this.starting.add(key);
    try {
      return await this.startUnlocked(project, project.github, input);
    } finally {
      this.starting.delete(key);
    }
  }

  dispose(): void {
    this.disposed = true;
    clearInterval(this.timer);
    for (const stop of this.stop) stop();
  }

  private async startUnlocked(
    project: Project,
    ref: { owner: string; repo: string },
    input: { number: number; provider: string },
  ): Promise<Result<Workspace, IssueStartProblem>> {
    const session = await this.deps.github.signedIn();
    if (!session) return err({ code: 'UNAVAILABLE', reason: 'Not signed in to GitHub: run `gh auth login`' });
    let issue = this.entry(project).issues.find((i) => i.number === input.number);
    if (!issue) {
      await this.read(project);
      issue = this.entry(project).issues.find((i) => i.number === input.number);
    }
    if (!issue) return err({ code: 'NOT_FOUND', entity: 'issue', id: `#${input.number}` });
    // A broken override is refused before a workspace is made for it.
    const template = await this.deps.prompts.get(ISSUE_PROMPT_ID, project.path);
    if (!template.ok) return err({ code: 'CONFLICT', reason: promptProblemText(template.error) });
    const comments = await session.api.issueComments(ref, issue.number);
    if (!comments.ok) {
      return err({ code: 'UNAVAILABLE', reason: problemView(comments.error).message });
    }
    const created = await this.deps.workspaces.create({
      projectId: project.id,
      name: displayName(`#${issue.number} ${issue.title}`),
    });
    if (!created.ok) return created;
    const linked = this.deps.workspaces.recordFacts(created.value.id, {
      issue: { number: issue.number, title: issue.title, url: issue.url },
    });
    if (!linked.ok) return linked;
    const prompt = await this.deps.prompts.render(
      ISSUE_PROMPT_ID,
      issuePromptValues({
        repo: `${ref.owner}/${ref.repo}`,
        branch: created.value.branch,
        issue,
        comments: comments.value,
      }),
      { projectPath: project.path },
    );
    if (!prompt.ok) return err({ code: 'CONFLICT', reason: promptProblemText(prompt.error) });
    // Stored, not held in memory: a restart before the worktree is READY still sends it, once.
    this.waiting.add(created.value.id);
    this.deps.workspaces.setFirstSession(created.value.id, {
      provider: input.provider,
      title: displayName(`#${issue.number} ${issue.title}`),
      prompt: prompt.value.text,
    });
    this.deps.logger.info(
      `Started issue #${issue.number} of ${ref.owner}/${ref.repo} in ${created.value.id}`,
    );
    this.startPendingSession(linked.value);
    return ok(linked.value);
  }

  /**
   * The first session starts once the worktree exists; a failed setup keeps it waiting for a retry. It is
   * cleared once the session holds the prompt (sessions keep their queued prompts), so it goes exactly once.
   */
  private startPendingSession(workspace: Workspace): void {
    if (this.disposed || !this.waiting.has(workspace.id)) return;
    const pending = this.deps.workspaces.firstSession(workspace.id);
    if (!pending || workspace.status === 'ARCHIVING' || workspace.status === 'ARCHIVED') {
      this.waiting.delete(workspace.id);
      if (pending) this.deps.workspaces.setFirstSession(workspace.id, null);
      return;
    }
    if (workspace.status !== 'READY') return;
    this.waiting.delete(workspace.id);
    const started = this.deps.startSession({ workspaceId: workspace.id, ...pending });
    this.deps.workspaces.setFirstSession(workspace.id, null);
    if (!started.ok) {
      this.deps.logger.warn(`Could not start the issue session of ${workspace.id}: ${started.error.code}`);
    }
  }

  private linkedWorkspace(projectId: string, number: number): Workspace | undefined {
    return this.deps.workspaces
      .list({ projectId })
      .find((w) => w.issue?.number === number && w.status !== 'ARCHIVED' && w.status !== 'ARCHIVING');
  }

  private async read(project: Project): Promise<ProjectIssues> {
    const entry = this.entry(project);
    const ref = project.github;
    if (!ref) return entry.view;
    const session = await this.deps.github.signedIn();
    if (!session) {
      const status = await this.deps.github.status();
      const message =
        status.problem?.message ?? 'Not signed in to GitHub: run `gh auth login` (or set it up in Settings)';
      return this.publish(project, entry, { problem: { kind: 'UNAUTHORIZED', message, retryAt: null } });
    }
    const read = await session.api.assignedIssues(ref, session.login);
    if (!read.ok) {
      const problem = problemView(read.error);
      const message =
        read.error.kind === 'NOT_FOUND'
          ? `${ref.owner}/${ref.repo} is not visible to ${session.login} on GitHub`
          : problem.message;
      this.deps.logger.warn(`Reading issues of ${ref.owner}/${ref.repo} failed: ${message}`);
      return this.publish(project, entry, { problem: { ...problem, message } });
    }
    entry.issues = read.value;
    return this.publish(project, entry, {
      issues: read.value.map(toCard),
      refreshedAt: Date.now(),
      problem: null,
    });
  }

  private publish(project: Project, entry: Entry, patch: Partial<ProjectIssues>): ProjectIssues {
    entry.view = { ...entry.view, ...patch };
    if (!this.disposed && this.deps.projects.get(project.id)) {
      this.entries.set(project.id, entry);
      this.deps.events.publish({ type: 'github.issues', issues: entry.view });
    }
    return entry.view;
  }

  private entry(project: Project): Entry {
    const existing = this.entries.get(project.id);
    if (existing) return existing;
    const repo = project.github ? `${project.github.owner}/${project.github.repo}` : '';
    return {
      view: { projectId: project.id, repo, issues: [], refreshedAt: null, problem: null },
      issues: [],
    };
  }

  private githubProjects(): Project[] {
    return this.deps.projects.list().filter((p) => p.github);
  }
}

function toCard(issue: GitHubIssue): IssueCard {
  return {
    number: issue.number,
    title: issue.title,
    url: issue.url,
    labels: issue.labels,
    updatedAt: issue.updatedAt,
  };
}
