import type { Project } from '../../shared/contract/projects';
import type {
  RatchetActivity,
  RatchetActivityKind,
  RatchetLink,
  RatchetOverrides,
  RatchetSettings,
  RatchetView,
} from '../../shared/contract/ratchet';
import type { AppSettings } from '../../shared/contract/settings';
import type { Workspace } from '../../shared/contract/workspaces';
import { err, ok, type Result } from '../../shared/lib/result';
import type { EventBus } from '../events/event-bus';
import { problemView } from '../github/github-problems';
import type { GitHubSession } from '../github/github-service';
import type { Disposable } from '../lifecycle/disposable';
import type { Logger } from '../logging/logger';
import type { Db } from '../store/database';
import type { WorkspaceFacts } from '../workspaces/workspace-facts';
import { type AttemptContext, newAttempt, plan, runAttempt, type Situation } from './ratchet-attempts';
import type { RatchetGit } from './ratchet-git';
import { type RatchetTemplate, readRatchetTemplate } from './ratchet-prompts';
import { type RatchetPull, type RatchetTarget, readRatchetPulls } from './ratchet-read';
import { type Progress, RatchetRepository } from './ratchet-repository';
import { ConcurrencyLimit, type RatchetClock, RatchetScheduler, systemClock } from './ratchet-scheduler';
import { type RatchetSessions, type RatchetSessionsDeps, ratchetSessions } from './ratchet-sessions';
import { buildView, describeNext, type Entry } from './ratchet-view';

export interface RatchetServiceDeps {
  db: Db;
  events: EventBus;
  logger: Logger;
  clock?: RatchetClock;
  github: { signedIn(): Promise<GitHubSession | null> };
  settings(): AppSettings;
  projects: { list(): Project[] };
  workspaces: {
    list(filter: { projectId?: string }): Workspace[];
    get(id: string): Workspace | null;
    recordFacts(id: string, facts: WorkspaceFacts): unknown;
  };
  sessions: RatchetSessionsDeps;
  git: RatchetGit;
  template?(name: RatchetTemplate): Promise<string>;
}

export type RatchetProblem = { code: 'NOT_FOUND'; entity: 'workspace'; id: string };

/**
 * Ratchet, the pull request autopilot: checks each opted-in workspace's PR on a schedule (all due PRs in one
 * batched read), derives its state, and works on it through attempts (see ratchet-attempts.ts) within a
 * concurrency limit, never while the user's own session in the workspace is working, at most `maxAttempts`
 * times per snapshot. Progress is stored before every step, so a restart resumes or abandons an attempt.
 */
export class RatchetService implements Disposable {
  private readonly repo: RatchetRepository;
  private readonly entries = new Map<string, Entry>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly scheduler: RatchetScheduler;
  private readonly clock: RatchetClock;
  private readonly sessions: RatchetSessions;
  private readonly ctx: AttemptContext;
  private readonly unsubscribe: () => void;
  private readonly limit: ConcurrencyLimit;
  private disposed = false;

  constructor(private readonly deps: RatchetServiceDeps) {
    this.repo = new RatchetRepository(deps.db);
    this.clock = deps.clock ?? systemClock;
    this.limit = new ConcurrencyLimit(() => deps.settings().ratchet.concurrency);
    this.scheduler = new RatchetScheduler(this.clock, (ids) => this.cycle(ids));
    this.sessions = ratchetSessions(deps.sessions, {
      get: (id) => this.entry(id).progress.sessionId,
      set: (id, sessionId) => this.save(id, { ...this.entry(id).progress, sessionId }),
    });
    this.ctx = {
      git: deps.git,
      sessions: this.sessions,
      template: deps.template ?? ((name) => readRatchetTemplate(name)),
      progress: (id) => this.entry(id).progress,
      save: (id, progress) => this.save(id, progress),
      log: (id, kind, message, links) => this.log(id, kind, message, links),
      merged: (workspace) => this.markMerged(workspace),
      stopping: () => this.disposed,
    };
    this.unsubscribe = deps.events.on((event) => {
      // Before the first read, the view follows the workspace's cached PR facts.
      if (
        event.type === 'workspace.changed' &&
        event.workspace.ratchetEnabled &&
        !this.entries.get(event.workspace.id)?.pull
      )
        this.publish(event.workspace.id);
    });
    for (const workspace of this.enabledWorkspaces()) {
      const attempt = this.entry(workspace.id).progress.attempt;
      // An attempt a restart interrupted is resumed (or abandoned) at once; the rest wait for their interval.
      this.scheduler.schedule(
        workspace.id,
        this.clock.now() + (attempt ? 0 : this.settingsOf(workspace.id).intervalMs),
      );
    }
  }

  list(): RatchetView[] {
    return this.enabledWorkspaces().map((w) => this.view(w));
  }

  get(workspaceId: string): Result<RatchetView, RatchetProblem> {
    const workspace = this.deps.workspaces.get(workspaceId);
    return workspace
      ? ok(this.view(workspace))
      : err({ code: 'NOT_FOUND', entity: 'workspace', id: workspaceId });
  }

  /** Off: the Ratchet session stops, an attempt in flight is abandoned, nothing more is done. */
  async setEnabled(workspaceId: string, enabled: boolean): Promise<Result<RatchetView, RatchetProblem>> {
    const workspace = this.deps.workspaces.get(workspaceId);
    if (!workspace) return err({ code: 'NOT_FOUND', entity: 'workspace', id: workspaceId });
    if (workspace.ratchetEnabled !== enabled) {
      this.deps.workspaces.recordFacts(workspaceId, { ratchetEnabled: enabled });
      this.log(
        workspaceId,
        enabled ? 'ENABLED' : 'DISABLED',
        enabled ? 'Ratchet turned on' : 'Ratchet turned off',
      );
    }
    const entry = this.entry(workspaceId);
    if (enabled) {
      this.save(workspaceId, { ...entry.progress, stalled: null, attempts: 0, snapshot: null });
      this.scheduler.schedule(workspaceId, this.clock.now());
    } else {
      this.scheduler.remove(workspaceId);
      if (entry.progress.attempt)
        this.log(workspaceId, 'ABANDONED', 'The attempt in progress was abandoned: Ratchet is off');
      this.save(workspaceId, { ...entry.progress, attempt: null });
      entry.waiting = null;
      await this.sessions.stop(workspaceId);
    }
    return this.get(workspaceId);
  }

  updateSettings(
    workspaceId: string,
    overrides: RatchetOverrides | null,
  ): Result<RatchetView, RatchetProblem> {
    if (!this.deps.workspaces.get(workspaceId))
      return err({ code: 'NOT_FOUND', entity: 'workspace', id: workspaceId });
    const entry = this.entry(workspaceId);
    entry.overrides = overrides ?? {};
    this.save(workspaceId, entry.progress);
    if (this.scheduler.nextCheckAt(workspaceId) !== null)
      this.scheduler.schedule(workspaceId, this.clock.now() + this.settingsOf(workspaceId).intervalMs);
    return this.get(workspaceId);
  }

  /** Checks now (one workspace or all) and answers once decided; attempts it starts go on in the background. */
  async checkNow(workspaceId?: string): Promise<RatchetView[]> {
    const ids = this.enabledWorkspaces()
      .map((w) => w.id)
      .filter((id) => !workspaceId || id === workspaceId);
    await this.scheduler.exclusive(() => this.cycle(ids));
    return ids.flatMap((id) => {
      const view = this.get(id);
      return view.ok ? [view.value] : [];
    });
  }

  activity(workspaceId: string, before?: number, limit = 100): RatchetActivity[] {
    return this.repo.activity(workspaceId, before, limit);
  }

  /** Settles when the workspace's attempt in progress (if any) has ended or paused (tests, shutdown). */
  async settled(workspaceId: string): Promise<void> {
    await this.running.get(workspaceId);
  }

  dispose(): void {
    this.disposed = true;
    this.scheduler.dispose();
    this.unsubscribe();
  }

  // ——— The cycle ———

  private async cycle(ids: string[]): Promise<void> {
    const now = this.clock.now();
    const workspaces = ids
      .map((id) => this.deps.workspaces.get(id))
      .filter((w): w is Workspace => !!w && w.ratchetEnabled && w.status === 'READY');
    const projects = new Map(this.deps.projects.list().map((p) => [p.id, p]));
    const targets: Array<RatchetTarget & { workspace: Workspace }> = [];
    for (const w of workspaces) {
      const github = projects.get(w.projectId)?.github;
      if (github && w.pr && w.pr.state !== 'MERGED')
        targets.push({
          key: w.id,
          owner: github.owner,
          repo: github.repo,
          number: w.pr.number,
          workspace: w,
        });
      else this.entry(w.id).pull = null;
    }
    let delayUntil = 0;
    try {
      const session = targets.length ? await this.deps.github.signedIn() : null;
      if (targets.length && !session) {
        const message = 'Not signed in to GitHub: run `gh auth login`';
        for (const t of targets) this.entry(t.key).problem = { kind: 'UNAUTHORIZED', message, retryAt: null };
        return;
      }
      if (!session) return;
      const read = await readRatchetPulls(session.transport, targets);
      if (!read.ok) {
        this.deps.logger.warn(
          `Ratchet: reading ${targets.length} pull request(s) failed: ${read.error.message}`,
        );
        delayUntil = read.error.retryAt ?? 0;
        for (const t of targets) this.entry(t.key).problem = problemView(read.error);
        return;
      }
      for (const t of targets) {
        const entry = this.entry(t.key);
        entry.pull = read.value.pulls.get(t.key) ?? null;
        const problem = read.value.problems.get(t.key);
        entry.problem = problem ? problemView(problem) : null;
        entry.lastCheckAt = now;
        // Turned off (or archived) while the read was under way: nothing more is done.
        const current = this.deps.workspaces.get(t.key);
        if (entry.pull && current?.ratchetEnabled && current.status === 'READY')
          this.decide(current, entry.pull, session, { owner: t.owner, repo: t.repo });
      }
    } finally {
      for (const w of workspaces) {
        if (!this.deps.workspaces.get(w.id)?.ratchetEnabled) continue;
        this.scheduler.schedule(
          w.id,
          Math.max(delayUntil, this.clock.now() + this.settingsOf(w.id).intervalMs),
        );
        this.publish(w.id);
      }
    }
  }

  private decide(
    workspace: Workspace,
    pull: RatchetPull,
    session: GitHubSession,
    repo: { owner: string; repo: string },
  ): void {
    const id = workspace.id;
    if (this.running.has(id)) return;
    const entry = this.entry(id);
    const s: Situation = {
      workspace,
      pull,
      settings: this.settingsOf(id),
      maxAttempts: this.deps.settings().ratchet.maxAttempts,
      transport: session.transport,
      repo,
      viewer: session.login,
    };
    if (entry.progress.attempt) {
      this.start(s, true);
      return;
    }
    if (pull.state === 'MERGED') {
      this.markMerged(workspace);
      return;
    }
    const next = plan(s, entry.progress);
    if (!next) {
      entry.waiting = null;
      this.notifyReady(s);
      return;
    }
    if (entry.progress.worked.includes(next.snapshot)) return;
    let progress = entry.progress;
    if (next.snapshot !== progress.snapshot) {
      progress = { ...progress, snapshot: next.snapshot, attempts: 0, stalled: null, lastFailure: null };
      this.save(id, progress);
    }
    if (progress.stalled) return;
    const busy = this.sessions.userBusy(id);
    if (busy) {
      if (entry.waiting !== busy) this.log(id, 'WAITING', busy);
      entry.waiting = busy;
      return;
    }
    entry.waiting = null;
    this.log(
      id,
      'SAW',
      describeNext(next.kind, pull),
      pull.checks
        .filter((c) => c.state === 'FAILING' && c.url)
        .map((c) => ({ label: c.name, url: c.url as string })),
    );
    this.save(id, {
      ...progress,
      attempts: progress.attempts + 1,
      attempt: newAttempt(next.kind, next.snapshot, pull),
    });
    this.start(s, false);
  }

  private start(s: Situation, resumed: boolean): void {
    const id = s.workspace.id;
    const run = this.limit
      .run(() => runAttempt(this.ctx, s, resumed))
      .catch((error) => {
        this.deps.logger.error(`Ratchet: an attempt in workspace ${id} failed`, error);
        this.log(id, 'FAILED', `Ratchet hit an internal error: ${(error as Error).message}`);
        this.save(id, { ...this.entry(id).progress, attempt: null });
      })
      .finally(() => {
        this.running.delete(id);
        this.publish(id);
      });
    this.running.set(id, run);
  }

  private notifyReady(s: Situation): void {
    const id = s.workspace.id;
    const progress = this.entry(id).progress;
    const ready = plan({ ...s, settings: { ...s.settings, autoMerge: true } }, progress)?.kind === 'MERGE';
    if (!ready || s.settings.autoMerge || progress.readyNotified === s.pull.headSha) return;
    this.log(id, 'READY', `#${s.pull.number} is ready to merge (auto-merge is off)`, [
      { label: `#${s.pull.number}`, url: s.pull.url },
    ]);
    this.save(id, {
      ...progress,
      readyNotified: s.pull.headSha,
      lastAction: { at: Date.now(), message: 'Said the PR is ready to merge' },
    });
  }

  private markMerged(workspace: Workspace): void {
    const current = this.deps.workspaces.get(workspace.id) ?? workspace;
    if (current.pr && current.pr.state !== 'MERGED')
      this.deps.workspaces.recordFacts(workspace.id, { pr: { ...current.pr, state: 'MERGED' } });
    const entry = this.entry(workspace.id);
    if (entry.pull) entry.pull = { ...entry.pull, state: 'MERGED' };
    this.publish(workspace.id);
  }

  // ——— State and views ———

  private enabledWorkspaces(): Workspace[] {
    return this.deps.workspaces.list({}).filter((w) => w.ratchetEnabled && w.status !== 'ARCHIVED');
  }

  private entry(workspaceId: string): Entry {
    let entry = this.entries.get(workspaceId);
    if (!entry) {
      const stored = this.repo.load(workspaceId);
      entry = { ...stored, pull: null, problem: null, waiting: null, lastCheckAt: null };
      this.entries.set(workspaceId, entry);
    }
    return entry;
  }

  private settingsOf(workspaceId: string): RatchetSettings {
    const { maxAttempts: _a, concurrency: _c, ...global } = this.deps.settings().ratchet;
    return { ...global, ...this.entry(workspaceId).overrides };
  }

  private save(workspaceId: string, progress: Progress): void {
    const entry = this.entry(workspaceId);
    entry.progress = progress;
    if (this.disposed) return;
    this.repo.save(workspaceId, entry.overrides, progress);
    this.publish(workspaceId);
  }

  private log(
    workspaceId: string,
    kind: RatchetActivityKind,
    message: string,
    links: RatchetLink[] = [],
  ): void {
    if (this.disposed) return;
    const entry = this.repo.log(workspaceId, kind, message, links);
    this.deps.events.publish({ type: 'ratchet.activity', entry });
  }

  private view(workspace: Workspace): RatchetView {
    const nextCheckAt = workspace.ratchetEnabled ? this.scheduler.nextCheckAt(workspace.id) : null;
    return buildView(workspace, this.entry(workspace.id), this.settingsOf(workspace.id), nextCheckAt);
  }

  private publish(workspaceId: string): void {
    const workspace = this.deps.workspaces.get(workspaceId);
    if (workspace && !this.disposed)
      this.deps.events.publish({ type: 'ratchet.changed', view: this.view(workspace) });
  }
}
