import { randomUUID } from 'node:crypto';
import type { Project } from '../../shared/contract/projects';
import type {
  ProgressLevel,
  ProgressStep,
  ScriptRun,
  SyncStrategy,
  Workspace,
  WorkspaceChanges,
} from '../../shared/contract/workspaces';
import { err, ok, type Result } from '../../shared/lib/result';
import type { EventBus } from '../events/event-bus';
import { BackgroundTasks } from '../lifecycle/background-tasks';
import type { Logger } from '../logging/logger';
import type { ProcessTracker } from '../processes/process-registry';
import type { Db } from '../store/database';
import type { FirstSession } from '../store/schema/workspaces';
import { archiveWorkspace, unarchiveWorkspace } from './archiver';
import { planWorkspace } from './create-plan';
import { InsightsTracker } from './insights-tracker';
import { KeyedMutex } from './keyed-mutex';
import { PortAllocator } from './port-allocator';
import { type ProvisionMode, provision } from './provisioner';
import { recoverWorkspaces } from './recovery';
import { resolveScripts } from './repo-config';
import { ScriptRunsRepository } from './script-runs-repository';
import { type ScriptOutcome, type ScriptRunOptions, ScriptSupervisor } from './script-supervisor';
import type { WorkspaceContext } from './workspace-context';
import { workspaceEnv } from './workspace-env';
import { notFound, type WorkspaceError, wrongStatus } from './workspace-errors';
import { factsPatch, type WorkspaceFacts } from './workspace-facts';
import * as gitOps from './workspace-git';
import { type WorkspacePatch, type WorkspaceRow, WorkspacesRepository } from './workspaces-repository';

const SHUTTING_DOWN: WorkspaceError = { code: 'UNAVAILABLE', reason: 'The core is shutting down' };

export type ArchiveHook = (workspace: Workspace) => Promise<void>;

export interface RunScript {
  command: string;
  cwd: string;
  env: Record<string, string>;
}

export interface WorkspacesServiceDeps {
  db: Db;
  events: EventBus;
  logger: Logger;
  projects: { get(id: string): Project | null };
  /** Records the groups of the scripts it starts, so a core that crashed leaves none running. */
  processes: ProcessTracker;
  /** First port tried for run ports (tests and benches may move it). */
  portRangeStart?: number;
  /** How often collisions and ahead/behind are recomputed for active workspaces; 0 disables the timer. */
  insightsIntervalMs?: number;
}

/**
 * Workspaces: one task = one worktree + one branch. Owns the provisioning, setup/cleanup scripts, archive
 * and git operations of every workspace, and every child process those start (`dispose()` stops them).
 */
export class WorkspacesService {
  private readonly repo: WorkspacesRepository;
  private readonly runs: ScriptRunsRepository;
  private readonly scripts: ScriptSupervisor;
  private readonly insights: InsightsTracker;
  private readonly archiveHooks = new Set<ArchiveHook>();
  private readonly namingLocks = new KeyedMutex();
  /** One provisioning (and so one setup script) at a time per workspace. */
  private readonly provisionLocks = new KeyedMutex();
  private readonly tasks: BackgroundTasks;
  private readonly ctx: WorkspaceContext;
  private disposing = false;

  constructor(private readonly deps: WorkspacesServiceDeps) {
    this.repo = new WorkspacesRepository(deps.db);
    this.tasks = new BackgroundTasks(deps.logger);
    this.runs = new ScriptRunsRepository(deps.db);
    this.scripts = new ScriptSupervisor(this.runs, deps.events, deps.logger, deps.processes);
    const ports = new PortAllocator(deps.portRangeStart);
    this.ctx = {
      repo: this.repo,
      logger: deps.logger,
      scripts: this.scripts,
      repoLocks: new KeyedMutex(),
      ports,
      project: (id) => deps.projects.get(id),
      entity: (row) => this.entity(row),
      update: (id, patch) => this.update(id, patch),
      progress: (id, step, level, message) => this.progress(id, step, level, message),
      isDisposing: () => this.disposing,
      refreshInsights: (projectId) => this.insights.schedule(projectId),
    };
    this.insights = new InsightsTracker({
      repo: this.repo,
      logger: deps.logger,
      project: (id) => deps.projects.get(id),
      publish: (row) => deps.events.publish({ type: 'workspace.changed', workspace: this.entity(row) }),
      clearConflict: (id) => {
        if (!this.disposing) this.update(id, { hasMergeConflict: false });
      },
      intervalMs: deps.insightsIntervalMs ?? 60_000,
    });
  }

  /**
   * Reconciles workspaces a previous core left PROVISIONING/ARCHIVING; runs in the background. The core
   * has ended the script groups that core left running (`ProcessRegistry.reapLeftovers`) before this.
   */
  start(): void {
    const interrupted = this.runs.interruptOrphans();
    if (interrupted > 0) this.deps.logger.warn(`${interrupted} script run(s) were interrupted by a restart`);
    this.tasks.track(recoverWorkspaces(this.ctx, (id, mode) => this.provision(id, mode)));
    this.insights.start();
  }

  // ——— Reading ———

  list(filter: { projectId?: string; includeArchived?: boolean }): Workspace[] {
    return this.repo.list(filter).map((row) => this.entity(row));
  }

  get(id: string): Workspace | null {
    const row = this.repo.get(id);
    return row ? this.entity(row) : null;
  }

  getResult(id: string): Result<Workspace, WorkspaceError> {
    const ws = this.get(id);
    return ws ? ok(ws) : err(notFound(id));
  }

  scriptRuns(id: string): Result<ScriptRun[], WorkspaceError> {
    if (!this.repo.get(id)) return err(notFound(id));
    return ok(this.runs.list(id));
  }

  scriptOutput(runId: string): Result<{ run: ScriptRun; output: string; seq: number }, WorkspaceError> {
    const found = this.runs.getWithOutput(runId);
    if (!found) return err({ code: 'NOT_FOUND', entity: 'script_run', id: runId });
    // Read together, in one tick: the output holds exactly the chunks up to seq.
    const { seq, live } = this.scripts.outputState(runId);
    return ok({
      run: { ...found.run, truncated: live?.truncated ?? found.run.truncated },
      output: live?.output ?? found.output,
      seq,
    });
  }

  /** Runs an iterate loop's check in a READY workspace's worktree as a `check` script run; null when not READY. */
  runCheck(id: string, command: string, options: ScriptRunOptions): Promise<ScriptOutcome> | null {
    const ws = this.get(id);
    return ws?.status === 'READY' ? this.scripts.run(ws, 'check', command, options) : null;
  }

  /**
   * The `run` script (factory-factory.json or project settings) with its cwd and env envelope, for the
   * terminals service to start in a PTY; null when the workspace has none or is not READY.
   */
  getRunScript(id: string): RunScript | null {
    const row = this.repo.get(id);
    if (row?.status !== 'READY') return null;
    const project = this.deps.projects.get(row.projectId);
    if (!project) return null;
    const command = resolveScripts(row.worktreePath, project.scripts).scripts.run;
    if (!command) return null;
    return { command, cwd: row.worktreePath, env: workspaceEnv(this.entity(row)) };
  }

  /**
   * Registers a hook run when a workspace starts ARCHIVING, before its cleanup script and worktree removal
   * (sessions and terminals stop their processes there). Returns the unregister function.
   */
  onArchive(hook: ArchiveHook): () => void {
    this.archiveHooks.add(hook);
    return () => this.archiveHooks.delete(hook);
  }

  /** Records activity (an agent turn, a terminal command) and schedules a collision refresh. */
  touch(id: string): void {
    // A turn can end while the core shuts down, after this service (and the database) are gone.
    if (this.disposing) return;
    const row = this.repo.get(id);
    if (!row) return;
    this.update(id, { lastActivityAt: new Date() });
    this.insights.schedule(row.projectId);
  }

  /** Recomputes collisions and ahead/behind for the workspace's project now. */
  async refreshChanges(id: string): Promise<void> {
    const row = this.repo.get(id);
    if (row) await this.insights.refresh(row.projectId);
  }

  /** Before a project is forgotten: stops its workspaces' processes (through the archive hooks too). */
  async releaseProject(projectId: string): Promise<void> {
    for (const row of this.repo.list({ projectId })) {
      await this.runArchiveHooks(this.entity(row));
    }
  }

  // ——— Lifecycle ———

  async create(input: {
    projectId: string;
    name: string;
    branch?: string;
    baseBranch?: string;
    /** `branch` already exists locally (made for this workspace): check it out instead of creating it. */
    existingBranch?: boolean;
  }): Promise<Result<Workspace, WorkspaceError>> {
    if (this.disposing) return err(SHUTTING_DOWN);
    const project = this.deps.projects.get(input.projectId);
    if (!project) {
      return err({
        code: 'WORKSPACE_REJECTED',
        problem: 'PROJECT_NOT_FOUND',
        detail: 'The project does not exist',
      });
    }
    // Names and paths are chosen and recorded under one per-project lock so concurrent creates never pick
    // the same branch or folder; the slow git work happens afterwards under the repository lock.
    const created = await this.namingLocks.run(project.id, async () => {
      const plan = await planWorkspace(project, input, this.repo);
      if (!plan.ok) return plan;
      const row = this.repo.insert({
        id: randomUUID(),
        projectId: project.id,
        name: input.name.trim(),
        status: 'NEW',
        runPort: null,
        ...plan.value,
      });
      this.publish(row);
      return ok(row);
    });
    if (!created.ok) return created;
    this.deps.logger.info(`Creating workspace ${created.value.id} on ${created.value.branch}`);
    const started = this.update(created.value.id, { status: 'PROVISIONING', statusReason: null })!;
    this.provision(started.id, input.existingBranch ? 'existing' : 'new');
    return ok(started);
  }

  /**
   * Stores facts another service learned about the workspace (GitHub: issue, PR, CI and review state) and
   * publishes `workspace.changed`, whatever the workspace's status (a PR can merge after archiving).
   * INVALID when the facts do not fit the contract's shapes; NOT_FOUND for an unknown workspace.
   */
  recordFacts(id: string, facts: WorkspaceFacts): Result<Workspace, WorkspaceError> {
    const patch = factsPatch(facts);
    if (!patch.ok) return patch;
    const ws = this.update(id, patch.value);
    return ws ? ok(ws) : err(notFound(id));
  }

  /** A workspace started from an issue: its first session, kept until READY (core-only, not published). */
  firstSession(id: string): FirstSession | null {
    return this.repo.get(id)?.firstSession ?? null;
  }
  setFirstSession(id: string, first: FirstSession | null): void {
    this.repo.update(id, { firstSession: first });
  }

  rename(id: string, name: string): Result<Workspace, WorkspaceError> {
    const ws = this.update(id, { name: name.trim() });
    return ws ? ok(ws) : err(notFound(id));
  }

  async retrySetup(id: string): Promise<Result<Workspace, WorkspaceError>> {
    if (this.disposing) return err(SHUTTING_DOWN);
    const row = this.repo.get(id);
    if (!row) return err(notFound(id));
    if (row.status !== 'FAILED') return err(wrongStatus(row.status, ['FAILED']));
    const ws = this.update(id, { status: 'PROVISIONING', statusReason: null })!;
    this.provision(id, 'resume');
    return ok(ws);
  }

  async archive(input: {
    id: string;
    force?: boolean;
    deleteBranch?: boolean;
  }): Promise<Result<Workspace, WorkspaceError>> {
    if (this.disposing) return err(SHUTTING_DOWN);
    return this.tasks.keep(archiveWorkspace(this.ctx, input, (ws) => this.runArchiveHooks(ws)));
  }

  async unarchive(id: string): Promise<Result<Workspace, WorkspaceError>> {
    if (this.disposing) return err(SHUTTING_DOWN);
    const result = await unarchiveWorkspace(this.ctx, id);
    if (result.ok) this.provision(id, 'existing');
    return result;
  }

  // ——— Changes ———

  async changes(id: string): Promise<Result<WorkspaceChanges, WorkspaceError>> {
    const row = this.repo.get(id);
    if (!row) return err(notFound(id));
    const found = await gitOps.changes(row);
    return found.ok ? ok({ ...found.value, hasRunScript: this.getRunScript(id) !== null }) : found;
  }

  async fileDiff(input: { id: string; path: string; against: 'base' | 'head' }) {
    const row = this.repo.get(input.id);
    if (!row) return err(notFound(input.id));
    return gitOps.fileDiff(row, input.path, input.against);
  }

  async commit(id: string, message: string): Promise<Result<{ sha: string }, WorkspaceError>> {
    return this.afterGit(id, (row) => gitOps.commit(row, message));
  }

  async push(input: {
    id: string;
    force?: boolean;
  }): Promise<Result<{ remote: string; branch: string }, WorkspaceError>> {
    return this.afterGit(input.id, (row) => gitOps.push(row, input.force ?? false, this.deps.logger));
  }

  async sync(input: { id: string; strategy: SyncStrategy }) {
    return this.afterGit(input.id, async (row) => {
      const result = await gitOps.sync(row, input.strategy);
      if (result.ok) this.update(row.id, { hasMergeConflict: result.value.outcome === 'CONFLICT' });
      return result;
    });
  }

  async abortSync(id: string): Promise<Result<Workspace, WorkspaceError>> {
    return this.afterGit(id, async (row) => {
      const result = await gitOps.abortSync(row);
      if (!result.ok) return result;
      return ok(this.update(row.id, { hasMergeConflict: false })!);
    });
  }

  async dispose(): Promise<void> {
    this.disposing = true;
    this.insights.dispose();
    await this.scripts.dispose();
    await this.tasks.drain();
  }

  // ——— Internals ———

  private async runArchiveHooks(ws: Workspace): Promise<void> {
    await this.scripts.stopWorkspace(ws.id);
    for (const hook of this.archiveHooks) {
      try {
        await hook(ws);
      } catch (error) {
        this.deps.logger.error(`An archive hook failed for workspace ${ws.id}`, error);
      }
    }
  }

  private async afterGit<T>(
    id: string,
    operation: (row: WorkspaceRow) => Promise<Result<T, WorkspaceError>>,
  ): Promise<Result<T, WorkspaceError>> {
    const row = this.repo.get(id);
    if (!row) return err(notFound(id));
    if (row.status !== 'READY') return err(wrongStatus(row.status, ['READY']));
    const result = await operation(row);
    this.insights.schedule(row.projectId);
    return result;
  }

  private entity(row: WorkspaceRow): Workspace {
    return WorkspacesRepository.toWorkspace(row, this.insights?.get(row.id));
  }

  private publish(row: WorkspaceRow): Workspace {
    const workspace = this.entity(row);
    this.deps.events.publish({ type: 'workspace.changed', workspace });
    return workspace;
  }

  private update(id: string, patch: WorkspacePatch): Workspace | null {
    const row = this.repo.update(id, patch);
    return row ? this.publish(row) : null;
  }

  private progress(workspaceId: string, step: ProgressStep, level: ProgressLevel, message: string): void {
    if (level !== 'info')
      this.deps.logger[level === 'warn' ? 'warn' : 'error'](`workspace ${workspaceId}: ${message}`);
    this.deps.events.publish({
      type: 'workspace.progress',
      progress: { workspaceId, step, level, message, at: Date.now() },
    });
  }

  private provision(id: string, mode: ProvisionMode): void {
    this.tasks.track(this.provisionLocks.run(id, () => provision(this.ctx, id, mode)));
  }
}
