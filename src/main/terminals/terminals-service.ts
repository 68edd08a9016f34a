import { randomUUID } from 'node:crypto';
import { accessSync, constants, statSync } from 'node:fs';
import { spawn } from 'node-pty';
import type { Terminal, TerminalKind, TerminalProblem } from '../../shared/contract/terminals';
import { err, ok, type Result } from '../../shared/lib/result';
import type { EventBus } from '../events/event-bus';
import type { Disposable } from '../lifecycle/disposable';
import type { Logger } from '../logging/logger';
import type { ProcessTracker } from '../processes/process-registry';
import type { Db } from '../store/database';
import { Attachment } from './attachment';
import {
  DEFAULT_LIMITS,
  type FlowLimits,
  LiveTerminal,
  type TerminalExit,
  type TerminalStats,
} from './live-terminal';
import { readPtyAsBytes } from './pty-bytes';
import type { TerminalHost, TerminalWorkspace } from './terminal-host';
import { type TerminalRow, TerminalsRepository } from './terminals-repository';

export type TerminalError =
  | { code: 'NOT_FOUND'; entity: 'terminal' | 'workspace'; id: string }
  | { code: 'TERMINAL_REJECTED'; problem: TerminalProblem; detail: string }
  | { code: 'TERMINAL_EXITED'; id: string; exitCode: number | null };

type NotFound = Extract<TerminalError, { code: 'NOT_FOUND' }>;

export interface TerminalsServiceDeps {
  db: Db;
  events: EventBus;
  logger: Logger;
  host: TerminalHost;
  /** Records the group of every PTY's shell while it runs, so a crashed core leaves none running. */
  processes: ProcessTracker;
  /** The login shell; default `$SHELL`, else /bin/bash. */
  shell?: string;
  /** The environment terminals inherit before the workspace envelope; default the core's. */
  baseEnv?: NodeJS.ProcessEnv;
  limits?: Partial<FlowLimits>;
  maxPerWorkspace?: number;
}

export interface SpawnRequest {
  workspaceId: string;
  title?: string;
  cols?: number;
  rows?: number;
}

const DEFAULT_SIZE = { cols: 80, rows: 24 };
/** Variables of the core's own launch that mean nothing (or the wrong thing) inside a user's shell. */
const DROPPED_ENV = /^(npm_|ELECTRON_|VITEST)/;

/**
 * PTYs in workspace worktrees. Owns every live PTY (and its process tree): closing a terminal, archiving its
 * workspace and disposing the core all kill the tree. Metadata lives in the `terminals` table; output only
 * in memory (a capped replay buffer per terminal).
 */
export class TerminalsService implements Disposable {
  private readonly repo: TerminalsRepository;
  private readonly live = new Map<string, LiveTerminal>();
  private readonly limits: FlowLimits;
  private readonly shell: string;
  private disposed = false;

  constructor(private readonly deps: TerminalsServiceDeps) {
    this.repo = new TerminalsRepository(deps.db);
    this.limits = { ...DEFAULT_LIMITS, ...deps.limits };
    this.shell = deps.shell ?? (deps.baseEnv ?? process.env).SHELL ?? '/bin/bash';
  }

  /**
   * Marks terminals a previous core left RUNNING as EXITED: their shells lost their PTY with that core (the
   * core has ended any still alive, `ProcessRegistry.reapLeftovers`, before this).
   */
  reconcile(): void {
    for (const row of this.repo.listRunning()) this.repo.markExited(row.id, null);
  }

  list(workspaceId: string): Result<Terminal[], NotFound> {
    if (!this.deps.host.getWorkspace(workspaceId)) {
      return err({ code: 'NOT_FOUND', entity: 'workspace', id: workspaceId });
    }
    return ok(this.repo.listOpen(workspaceId).map((row) => this.toTerminal(row)));
  }

  get(id: string): Terminal | null {
    const row = this.repo.get(id);
    return row ? this.toTerminal(row) : null;
  }

  /** Starts the user's login shell in the workspace's worktree. */
  async create(request: SpawnRequest): Promise<Result<Terminal, TerminalError>> {
    const workspace = this.activeWorkspace(request.workspaceId);
    if (!workspace.ok) return workspace;
    return this.spawn(workspace.value, 'shell', request, {
      args: ['-l'],
      cwd: workspace.value.worktreePath,
      env: workspace.value.env,
    });
  }

  /** Runs the workspace's `run` script in a terminal of kind `run` (or returns the one already running). */
  async startRun(request: Omit<SpawnRequest, 'title'>): Promise<Result<Terminal, TerminalError>> {
    const workspace = this.activeWorkspace(request.workspaceId);
    if (!workspace.ok) return workspace;
    const running = this.repo
      .listOpen(request.workspaceId)
      .find((row) => row.kind === 'run' && this.live.get(row.id)?.hasExited === false);
    if (running) return ok(this.toTerminal(running));
    if (workspace.value.status !== 'READY') {
      const detail = `The workspace is ${workspace.value.status.toLowerCase()}; run it once it is ready`;
      return err({ code: 'TERMINAL_REJECTED', problem: 'WORKSPACE_NOT_ACTIVE', detail });
    }
    const script = await this.deps.host.getRunScript(request.workspaceId);
    if (!script) {
      return err({
        code: 'TERMINAL_REJECTED',
        problem: 'NO_RUN_SCRIPT',
        detail: 'The project has no run script',
      });
    }
    return this.spawn(
      workspace.value,
      'run',
      { ...request, title: 'run' },
      { args: ['-l', '-c', script.command], cwd: script.cwd, env: script.env },
    );
  }

  rename(id: string, title: string): Result<Terminal, NotFound> {
    const row = this.repo.rename(id, title);
    if (!row) return err({ code: 'NOT_FOUND', entity: 'terminal', id });
    return ok(this.publish(row));
  }

  /** Kills the process tree (when running), ends attached streams and forgets the terminal. */
  async close(id: string): Promise<Result<{ id: string }, NotFound>> {
    const row = this.repo.get(id);
    if (!row) return err({ code: 'NOT_FOUND', entity: 'terminal', id });
    const live = this.live.get(id);
    if (live) {
      await live.kill();
      live.closeAttachments();
      this.live.delete(id);
    }
    this.repo.markClosed(id);
    this.deps.events.publish({ type: 'terminal.removed', terminalId: id, workspaceId: row.workspaceId });
    return ok({ id });
  }

  /** Closes every terminal of a workspace (its archive hook). */
  async closeWorkspace(workspaceId: string): Promise<void> {
    await Promise.all(this.repo.listOpen(workspaceId).map((row) => this.close(row.id)));
  }

  input(id: string, data: string): Result<void, TerminalError> {
    const live = this.running(id);
    if (!live.ok) return live;
    live.value.write(data);
    return ok(undefined);
  }

  resize(id: string, cols: number, rows: number): Result<Terminal, TerminalError> {
    const live = this.running(id);
    if (!live.ok) return live;
    live.value.resize(cols, rows);
    const row = this.repo.get(id);
    if (!row) return err({ code: 'NOT_FOUND', entity: 'terminal', id });
    return ok(this.publish(row));
  }

  /** A new attachment: snapshot first, then live frames, then `exit`. */
  attach(id: string): Result<Attachment, NotFound> {
    const live = this.live.get(id);
    if (live) return ok(live.attach());
    const row = this.repo.get(id);
    if (!row) return err({ code: 'NOT_FOUND', entity: 'terminal', id });
    // Exited with a previous core: nothing to replay.
    const attachment = new Attachment(randomUUID(), () => {});
    attachment.push({
      type: 'snapshot',
      attachmentId: attachment.id,
      base64: '',
      offset: 0,
      truncated: false,
      ...DEFAULT_SIZE,
      status: 'EXITED',
      exitCode: row.exitCode,
    });
    attachment.push({ type: 'exit', exitCode: row.exitCode, offset: 0 });
    return ok(attachment);
  }

  /** Acknowledges bytes written by an attachment. Unknown (already detached) attachments are ignored. */
  ack(id: string, attachmentId: string, bytes: number): Result<void, NotFound> {
    const live = this.live.get(id);
    if (!live) {
      return this.repo.get(id) ? ok(undefined) : err({ code: 'NOT_FOUND', entity: 'terminal', id });
    }
    live.ack(attachmentId, bytes);
    return ok(undefined);
  }

  /** Memory held for a live terminal (tests, diagnostics). */
  stats(id: string): TerminalStats | null {
    return this.live.get(id)?.stats() ?? null;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all(
      [...this.live.values()].map(async (live) => {
        await live.kill();
        live.closeAttachments();
      }),
    );
    this.live.clear();
  }

  private activeWorkspace(id: string): Result<TerminalWorkspace, TerminalError> {
    const workspace = this.deps.host.getWorkspace(id);
    if (!workspace) return err({ code: 'NOT_FOUND', entity: 'workspace', id });
    if (workspace.status === 'ARCHIVING' || workspace.status === 'ARCHIVED' || this.disposed) {
      return err({
        code: 'TERMINAL_REJECTED',
        problem: 'WORKSPACE_NOT_ACTIVE',
        detail: this.disposed
          ? 'Factory Factory is shutting down'
          : `The workspace is ${workspace.status.toLowerCase()}`,
      });
    }
    return ok(workspace);
  }

  private running(id: string): Result<LiveTerminal, TerminalError> {
    const live = this.live.get(id);
    if (live && !live.hasExited) return ok(live);
    const row = this.repo.get(id);
    if (!row) return err({ code: 'NOT_FOUND', entity: 'terminal', id });
    return err({ code: 'TERMINAL_EXITED', id, exitCode: row.exitCode });
  }

  private spawn(
    workspace: TerminalWorkspace,
    kind: TerminalKind,
    request: SpawnRequest,
    launch: { args: string[]; cwd: string; env: Record<string, string> },
  ): Result<Terminal, TerminalError> {
    const problem = this.checkLaunch(workspace, launch.cwd);
    if (problem) return err(problem);
    const id = randomUUID();
    const cols = request.cols ?? DEFAULT_SIZE.cols;
    const rows = request.rows ?? DEFAULT_SIZE.rows;
    let pty: ReturnType<typeof spawn>;
    try {
      pty = spawn(this.shell, launch.args, {
        name: 'xterm-256color',
        cols,
        rows,
        cwd: launch.cwd,
        env: { ...this.inheritedEnv(), ...launch.env, FF_TERMINAL_ID: id },
      });
    } catch (error) {
      return err({
        code: 'TERMINAL_REJECTED',
        problem: 'SPAWN_FAILED',
        detail: `Cannot start ${this.shell}: ${(error as Error).message}`,
      });
    }
    readPtyAsBytes(pty);
    const count = this.repo.listOpen(workspace.id).length + 1;
    const row = this.repo.insert({
      id,
      workspaceId: workspace.id,
      title: request.title ?? (kind === 'run' ? 'run' : `Terminal ${count}`),
      kind,
      cwd: launch.cwd,
      pid: pty.pid,
    });
    const untrack = this.deps.processes.track({ kind: 'terminal', ownerId: id, pid: pty.pid });
    const onExit = (exit: TerminalExit) => {
      untrack();
      this.onExit(id, exit);
    };
    this.live.set(id, new LiveTerminal(id, pty, cols, rows, this.limits, onExit));
    return ok(this.publish(row));
  }

  private checkLaunch(
    workspace: TerminalWorkspace,
    cwd: string,
  ): Extract<TerminalError, { code: 'TERMINAL_REJECTED' }> | null {
    const reject = (problem: TerminalProblem, detail: string) => ({
      code: 'TERMINAL_REJECTED' as const,
      problem,
      detail,
    });
    // Checked again here: startRun awaits the run script, and the core may have started stopping meanwhile.
    if (this.disposed) return reject('WORKSPACE_NOT_ACTIVE', 'Factory Factory is shutting down');
    try {
      if (!statSync(cwd).isDirectory()) return reject('WORKTREE_MISSING', `${cwd} is not a folder`);
    } catch {
      return reject('WORKTREE_MISSING', `The worktree ${cwd} does not exist`);
    }
    try {
      accessSync(this.shell, constants.X_OK);
    } catch {
      return reject('SPAWN_FAILED', `The shell ${this.shell} does not exist or is not executable`);
    }
    const open = [...this.live.values()].filter((t) => !t.hasExited).length;
    const inWorkspace = this.repo.listOpen(workspace.id).filter((row) => this.live.has(row.id)).length;
    if (inWorkspace >= (this.deps.maxPerWorkspace ?? 20)) {
      return reject(
        'TOO_MANY_TERMINALS',
        `This workspace already has ${inWorkspace} terminals (${open} open in all)`,
      );
    }
    return null;
  }

  private inheritedEnv(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(this.deps.baseEnv ?? process.env)) {
      if (value !== undefined && !DROPPED_ENV.test(key)) env[key] = value;
    }
    env.TERM = 'xterm-256color';
    env.COLORTERM = 'truecolor';
    env.TERM_PROGRAM = 'FactoryFactory';
    return env;
  }

  private onExit(id: string, exit: TerminalExit): void {
    const row = this.repo.markExited(id, exit.exitCode);
    if (row) this.publish(row);
  }

  private publish(row: TerminalRow): Terminal {
    const terminal = this.toTerminal(row);
    this.deps.events.publish({ type: 'terminal.changed', terminal });
    return terminal;
  }

  private toTerminal(row: TerminalRow): Terminal {
    const live = this.live.get(row.id);
    return {
      id: row.id,
      workspaceId: row.workspaceId,
      title: row.title,
      kind: row.kind,
      status: row.status,
      exitCode: row.exitCode,
      pid: row.pid,
      cols: live?.cols ?? DEFAULT_SIZE.cols,
      rows: live?.rows ?? DEFAULT_SIZE.rows,
      createdAt: row.createdAt.getTime(),
    };
  }
}
