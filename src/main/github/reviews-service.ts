import { randomUUID } from 'node:crypto';
import type { Project } from '../../shared/contract/projects';
import type { PullReview, ReviewComment, ReviewVerdict } from '../../shared/contract/reviews';
import type { SessionLogEntry } from '../../shared/contract/sessions';
import type { Workspace } from '../../shared/contract/workspaces';
import { displayName } from '../../shared/lib/display-name';
import { err, ok, type Result } from '../../shared/lib/result';
import type { EventBus } from '../events/event-bus';
import type { Disposable } from '../lifecycle/disposable';
import type { Logger } from '../logging/logger';
import type { PromptLibrary } from '../prompts/prompt-library';
import type { Db } from '../store/database';
import type { WorkspaceError } from '../workspaces/workspace-errors';
import type { GitHubService } from './github-service';
import { lastTurnText, readAgentProposal } from './review-agent-turn';
import { diffSummary, fetchPullHead, forgetFetchedBranch } from './review-checkout';
import type { ReviewInboxService } from './review-inbox-service';
import { renderReviewPrompt } from './review-prompt';
import { submitReview } from './review-submit';
import { type PullReviewPatch, type PullReviewRow, ReviewsRepository } from './reviews-repository';

export type ReviewProblem =
  | WorkspaceError
  | { code: 'NOT_FOUND'; entity: string; id: string }
  | { code: 'CONFLICT'; reason: string }
  | { code: 'INVALID'; field?: string; reason: string }
  | { code: 'UNAVAILABLE'; reason: string };

export interface ReviewsServiceDeps {
  db: Db;
  /** The review prompt, `github/review` (overridable like every prompt). */
  prompts: Pick<PromptLibrary, 'text'>;
  events: EventBus;
  logger: Logger;
  github: GitHubService;
  inbox: ReviewInboxService;
  projects: { get(id: string): Project | null };
  workspaces: {
    list(filter: { projectId?: string; includeArchived?: boolean }): Workspace[];
    get(id: string): Workspace | null;
    create(input: {
      projectId: string;
      name: string;
      branch: string;
      baseBranch: string;
      existingBranch: true;
    }): Promise<Result<Workspace, WorkspaceError>>;
  };
  sessions: {
    create(input: {
      workspaceId: string;
      provider: string;
      title: string;
      prompt: string;
    }): Result<{ id: string }, { code: string }>;
    get(id: string): { status: string; statusReason: string | null } | null;
    /** The session's last whole turns (see SessionsService.logTurns). */
    logTurns(
      id: string,
      beforeSeq: undefined,
      minEntries: number,
    ): Result<{ entries: SessionLogEntry[] }, { code: string }>;
  };
}

const LIVE = (w: Workspace | null) => !!w && w.status !== 'ARCHIVED' && w.status !== 'ARCHIVING';

/**
 * Reviews of requested pull requests, made with an agent: "start" checks the PR's head out in a workspace of
 * its own and runs the review prompt there; each end of the agent's turn is read for its proposed comments
 * (a stored draft the user edits); "submit" sends the draft to GitHub as one review.
 */
export class ReviewsService implements Disposable {
  private readonly repo: ReviewsRepository;
  private readonly starting = new Set<string>();
  private readonly submitting = new Set<string>();
  private readonly unsubscribe: () => void;
  /** Which review a session's turn ends and a workspace's status changes concern (busy events: no query). */
  private readonly bySession = new Map<string, string>();
  private readonly pendingByWorkspace = new Map<string, string>();
  private disposed = false;

  constructor(private readonly deps: ReviewsServiceDeps) {
    this.repo = new ReviewsRepository(deps.db);
    for (const row of this.repo.list()) this.index(row);
    this.unsubscribe = deps.events.on((event) => {
      if (event.type === 'session.log' && event.entry.kind === 'status') {
        const id = this.bySession.get(event.entry.sessionId);
        if (id) queueMicrotask(() => this.readTurn(id, false));
      } else if (
        event.type === 'session.changed' &&
        (event.session.status === 'ERROR' || event.session.status === 'STOPPED')
      ) {
        const id = this.bySession.get(event.session.id);
        const why = event.session.statusReason;
        if (id) queueMicrotask(() => this.sessionGaveUp(id, event.session.status, why));
      } else if (event.type === 'workspace.changed') {
        const id = this.pendingByWorkspace.get(event.workspace.id);
        // After this event has reached every listener: the session's events must follow it.
        if (id) queueMicrotask(() => this.startPendingSession(id));
      }
    });
  }

  /** Catches up after a restart: sessions still to start, turns that ended while the core was down. */
  recover(): void {
    for (const row of this.repo.list()) {
      if (row.pendingPrompt) this.startPendingSession(row.id);
      else if (row.status === 'AGENT_WORKING' && row.sessionId && !this.readTurn(row.id, false)) {
        // No ended turn to read: a session that cannot go on (gone, failed, stopped) is said to have given up.
        const session = this.deps.sessions.get(row.sessionId);
        if (!session || session.status === 'ERROR' || session.status === 'STOPPED') {
          this.sessionGaveUp(row.id, session?.status ?? 'gone', session?.statusReason ?? null);
        }
      }
    }
  }

  list(): PullReview[] {
    return this.repo.list().map(ReviewsRepository.toReview);
  }

  async start(input: {
    projectId: string;
    number: number;
    provider: string;
  }): Promise<Result<PullReview, ReviewProblem>> {
    const project = this.deps.projects.get(input.projectId);
    if (!project) return err({ code: 'NOT_FOUND', entity: 'project', id: input.projectId });
    if (!project.github)
      return err({ code: 'CONFLICT', reason: `${project.name}'s origin is not on GitHub` });
    const key = `${project.id}#${input.number}`;
    const live = this.repo
      .list()
      .find(
        (r) =>
          r.projectId === project.id &&
          r.number === input.number &&
          r.status !== 'SUBMITTED' &&
          LIVE(this.deps.workspaces.get(r.workspaceId)),
      );
    if (live || this.starting.has(key)) {
      const name = live ? this.deps.workspaces.get(live.workspaceId)?.name : null;
      return err({
        code: 'CONFLICT',
        reason: `#${input.number} is already being reviewed${name ? ` in "${name}"` : ''}`,
      });
    }
    this.starting.add(key);
    try {
      return await this.startUnlocked(project, input);
    } finally {
      this.starting.delete(key);
    }
  }

  updateDraft(input: {
    id: string;
    summary: string;
    verdict: ReviewVerdict;
    comments: ReviewComment[];
  }): Result<PullReview, ReviewProblem> {
    const row = this.repo.get(input.id);
    if (!row) return err({ code: 'NOT_FOUND', entity: 'review', id: input.id });
    if (row.status === 'SUBMITTED')
      return err({ code: 'CONFLICT', reason: 'This review was already submitted' });
    // What is being sent must be what gets recorded as submitted.
    if (this.submitting.has(row.id))
      return err({ code: 'CONFLICT', reason: 'This review is being submitted' });
    return this.updated(row.id, {
      summary: input.summary,
      verdict: input.verdict,
      comments: input.comments,
      edited: true,
      status: 'READY',
      submitError: null,
    });
  }

  reread(id: string): Result<PullReview, ReviewProblem> {
    const row = this.repo.get(id);
    if (!row) return err({ code: 'NOT_FOUND', entity: 'review', id });
    if (row.status === 'SUBMITTED')
      return err({ code: 'CONFLICT', reason: 'This review was already submitted' });
    if (!row.sessionId) return err({ code: 'CONFLICT', reason: 'The review session has not started yet' });
    return ok(this.readTurn(id, true) ?? ReviewsRepository.toReview(row));
  }

  async submit(id: string): Promise<Result<PullReview, ReviewProblem>> {
    const row = this.repo.get(id);
    if (!row) return err({ code: 'NOT_FOUND', entity: 'review', id });
    if (row.status === 'SUBMITTED')
      return err({ code: 'CONFLICT', reason: 'This review was already submitted' });
    if (this.submitting.has(id)) return err({ code: 'CONFLICT', reason: 'This review is being submitted' });
    this.submitting.add(id);
    try {
      const outcome = await submitReview(this.deps.github, row);
      if (outcome.ok) {
        this.deps.logger.info(`Submitted the review of ${row.repo}#${row.number} (${row.verdict})`);
        void this.deps.inbox.refresh();
        return this.updated(id, {
          status: 'SUBMITTED',
          submittedUrl: outcome.value.url,
          submittedAt: new Date(),
          submitError: null,
        });
      }
      const { code, reason, recorded } = outcome.error;
      if (!recorded) return err({ code, reason });
      // A refused review keeps its draft; the reason is shown on it until the next submit.
      this.deps.logger.warn(`Submitting the review of ${row.repo}#${row.number} failed: ${reason}`);
      this.update(id, { submitError: reason });
      return err({ code, reason });
    } finally {
      this.submitting.delete(id);
    }
  }

  dispose(): void {
    this.disposed = true;
    this.unsubscribe();
  }

  private async startUnlocked(
    project: Project,
    input: { number: number; provider: string },
  ): Promise<Result<PullReview, ReviewProblem>> {
    if (!(await this.deps.github.signedIn())) {
      return err({ code: 'UNAVAILABLE', reason: 'Not signed in to GitHub: run `gh auth login`' });
    }
    let pull = this.deps.inbox.find(project.id, input.number);
    if (!pull) {
      await this.deps.inbox.refresh();
      pull = this.deps.inbox.find(project.id, input.number);
    }
    if (!pull) return err({ code: 'NOT_FOUND', entity: 'review request', id: `#${input.number}` });
    const used = new Set(
      this.deps.workspaces.list({ projectId: project.id, includeArchived: true }).map((w) => w.branch),
    );
    const fetched = await fetchPullHead(project.path, pull, (b) => used.has(b));
    if (!fetched.ok) return err({ code: 'UNAVAILABLE', reason: fetched.error });
    const { branch, sha } = fetched.value;
    if (fetched.value.warning) this.deps.logger.warn(fetched.value.warning);
    const diff = await diffSummary(project.path, branch, pull.baseRef);
    // A workspace name takes no control characters; a PR title is anyone's text.
    const name = displayName(`Review #${pull.number} ${pull.title}`);
    let created = await this.deps.workspaces.create({
      projectId: project.id,
      name,
      branch,
      baseBranch: pull.baseRef,
      existingBranch: true,
    });
    if (
      !created.ok &&
      created.error.code === 'WORKSPACE_REJECTED' &&
      created.error.problem === 'BASE_NOT_FOUND'
    ) {
      // The base is neither local nor on origin (a fork's base): the project's default still gives a diff view.
      created = await this.deps.workspaces.create({
        projectId: project.id,
        name,
        branch,
        baseBranch: project.defaultBranch,
        existingBranch: true,
      });
    }
    if (!created.ok) {
      const removed = await forgetFetchedBranch(project.path, branch, sha);
      this.deps.logger.warn(
        `The review workspace of ${pull.repo}#${pull.number} was not made; ${removed ? 'removed' : 'kept'} the branch ${branch} it fetched`,
      );
      return created;
    }
    const prompt = renderReviewPrompt(await this.deps.prompts.text('github/review', project.path), {
      ...pull,
      branch,
      diffSummary: diff,
    });
    const row = this.repo.insert({
      id: randomUUID(),
      projectId: project.id,
      workspaceId: created.value.id,
      sessionId: null,
      repo: pull.repo,
      number: pull.number,
      title: pull.title,
      url: pull.url,
      headSha: sha,
      status: 'AGENT_WORKING',
      comments: [],
      pendingPrompt: prompt,
      provider: input.provider,
    });
    this.deps.logger.info(
      `Reviewing ${pull.repo}#${pull.number} in workspace ${created.value.id} on ${branch}`,
    );
    const review = this.publish(row);
    this.startPendingSession(row.id);
    const now = this.repo.get(row.id);
    return ok(now ? ReviewsRepository.toReview(now) : review);
  }

  /** The review session starts once the worktree is READY; an archived workspace drops it. */
  private startPendingSession(id: string): void {
    const row = this.repo.get(id);
    if (!row?.pendingPrompt || this.disposed) return;
    const workspace = this.deps.workspaces.get(row.workspaceId);
    if (!LIVE(workspace)) {
      this.update(id, { pendingPrompt: null });
      return;
    }
    if (workspace?.status !== 'READY') return;
    const started = this.deps.sessions.create({
      workspaceId: row.workspaceId,
      provider: row.provider,
      title: `Review #${row.number}`,
      prompt: row.pendingPrompt,
    });
    if (!started.ok) {
      this.deps.logger.warn(
        `Could not start the review session of ${row.repo}#${row.number}: ${started.error.code}`,
      );
      this.update(id, {
        pendingPrompt: null,
        status: 'UNREADABLE',
        readProblem: `The review agent (${row.provider}) could not be started (${started.error.code}); write the review yourself or start a session in the workspace.`,
      });
      return;
    }
    this.update(id, { pendingPrompt: null, sessionId: started.value.id });
  }

  /** A review session that failed or was stopped before proposing anything: say so instead of "reviewing". */
  private sessionGaveUp(id: string, status: string, why: string | null): void {
    const row = this.repo.get(id);
    if (row?.status !== 'AGENT_WORKING' || this.disposed) return;
    this.update(id, {
      status: 'UNREADABLE',
      readProblem: `The review session is ${status}${why ? ` (${why})` : ''} and proposed no comments; restart it from the review workspace, or write the review yourself.`,
    });
  }

  /**
   * Reads the proposal from the end of the agent's last turn. `replace` (the user asked) drops edits;
   * otherwise an edited draft is kept and only the agent's text and any reading problem are updated.
   */
  private readTurn(id: string, replace: boolean): PullReview | null {
    const row = this.repo.get(id);
    if (!row?.sessionId || row.status === 'SUBMITTED' || this.disposed) return null;
    const page = this.deps.sessions.logTurns(row.sessionId, undefined, 1);
    if (!page.ok) return null;
    const text = lastTurnText(page.value.entries);
    if (text === null) return null;
    return this.update(id, readAgentProposal(row, text, replace));
  }

  /** Stores and publishes a change; null when the review is gone (its workspace was deleted). */
  private update(id: string, patch: PullReviewPatch): PullReview | null {
    if (this.disposed) return null;
    const row = this.repo.update(id, patch);
    return row ? this.publish(row) : null;
  }

  private updated(id: string, patch: PullReviewPatch): Result<PullReview, ReviewProblem> {
    const review = this.update(id, patch);
    return review ? ok(review) : err({ code: 'NOT_FOUND', entity: 'review', id });
  }

  private index(row: PullReviewRow): void {
    if (row.sessionId) this.bySession.set(row.sessionId, row.id);
    if (row.pendingPrompt) this.pendingByWorkspace.set(row.workspaceId, row.id);
    else this.pendingByWorkspace.delete(row.workspaceId);
  }

  private publish(row: PullReviewRow): PullReview {
    this.index(row);
    const review = ReviewsRepository.toReview(row);
    if (!this.disposed) this.deps.events.publish({ type: 'review.changed', review });
    return review;
  }
}
