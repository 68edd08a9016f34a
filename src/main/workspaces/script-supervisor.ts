import { randomUUID } from 'node:crypto';
import type { ScriptKind, ScriptRun, Workspace } from '../../shared/contract/workspaces';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import type { ProcessTracker } from '../processes/process-registry';
import { OutputCap } from './output-cap';
import { type ScriptExit, ScriptProcess } from './script-process';
import type { ScriptRunsRepository } from './script-runs-repository';
import { workspaceEnv } from './workspace-env';

const SAVE_EVERY_MS = 1_000;

export interface ScriptOutcome {
  run: ScriptRun;
  exit: ScriptExit;
  /** Ended by `timeoutMs` (with its whole process group). */
  timedOut: boolean;
}

export interface ScriptRunOptions {
  /** Stop the script (its whole process group) after this long; the run then FAILED, saying so in its output. */
  timeoutMs?: number;
  /** Stops the script when aborted (the run is then STOPPED). */
  signal?: AbortSignal;
  /** Called with the run once it is stored, before any output. */
  onStart?(run: ScriptRun): void;
}

/**
 * Runs setup and cleanup scripts as child processes it owns: output streamed as `script_run.output` events
 * and stored capped at 1 MiB in `script_runs`. `dispose()` stops every running script.
 */
export class ScriptSupervisor {
  private readonly live = new Map<string, { workspaceId: string; process: ScriptProcess; cap: OutputCap }>();
  /** Output chunks per run started by this process: the live sequence `events.scriptOutput` continues. */
  private readonly chunkCounts = new Map<string, number>();
  private disposed = false;

  constructor(
    private readonly runs: ScriptRunsRepository,
    private readonly events: EventBus,
    private readonly logger: Logger,
    private readonly processes: ProcessTracker,
    private readonly baseEnv: NodeJS.ProcessEnv = process.env,
  ) {}

  async run(
    workspace: Workspace,
    kind: ScriptKind,
    command: string,
    options: ScriptRunOptions = {},
  ): Promise<ScriptOutcome> {
    const started = this.runs.start({ id: randomUUID(), workspaceId: workspace.id, kind, command });
    this.events.publish({ type: 'script_run.changed', run: started });
    options.onStart?.(started);
    const cap = new OutputCap();
    let dirty = false;
    const child = new ScriptProcess({
      command,
      cwd: workspace.worktreePath,
      env: { ...this.baseEnv, ...workspaceEnv(workspace) },
      onOutput: (chunk) => {
        cap.push(chunk);
        dirty = true;
        const seq = (this.chunkCounts.get(started.id) ?? 0) + 1;
        this.chunkCounts.set(started.id, seq);
        this.events.publish({
          type: 'script_run.output',
          runId: started.id,
          workspaceId: workspace.id,
          seq,
          chunk,
        });
      },
    });
    const untrack = this.processes.track({ kind: 'script', ownerId: started.id, pid: child.pid });
    this.live.set(started.id, { workspaceId: workspace.id, process: child, cap });
    if (this.disposed) void child.stop();
    const saver = setInterval(() => {
      if (!dirty) return;
      dirty = false;
      this.runs.saveOutput(started.id, cap.text(), cap.truncated);
    }, SAVE_EVERY_MS);
    saver.unref();
    let timedOut = false;
    const timer =
      options.timeoutMs === undefined
        ? null
        : setTimeout(() => {
            timedOut = true;
            void child.stop();
          }, options.timeoutMs);
    const abort = () => void child.stop();
    if (options.signal?.aborted) abort();
    options.signal?.addEventListener('abort', abort, { once: true });

    const exit = await child.exited;
    if (timer) clearTimeout(timer);
    options.signal?.removeEventListener('abort', abort);
    untrack();
    clearInterval(saver);
    this.live.delete(started.id);
    if (exit.spawnError) cap.push(`\n[could not start the script: ${exit.spawnError}]\n`);
    if (timedOut)
      cap.push(`\n[timed out after ${options.timeoutMs} ms; stopped with everything it started]\n`);
    const status = timedOut
      ? 'FAILED'
      : exit.stopped
        ? 'STOPPED'
        : exit.exitCode === 0
          ? 'SUCCEEDED'
          : 'FAILED';
    const finished =
      this.runs.finish(started.id, {
        status,
        exitCode: exit.exitCode,
        output: cap.text(),
        truncated: cap.truncated,
      }) ?? started;
    this.events.publish({ type: 'script_run.changed', run: finished });
    this.logger.info(
      `${kind} script of workspace ${workspace.id} ${status.toLowerCase()} (exit ${exit.exitCode})`,
    );
    return { run: finished, exit, timedOut };
  }

  /**
   * The sequence of a run's output: the chunks published so far (0 for runs of an earlier process, which
   * publish none), and while it runs the output held in memory, which is ahead of the stored one.
   */
  outputState(runId: string): { seq: number; live: { output: string; truncated: boolean } | null } {
    const running = this.live.get(runId);
    return {
      seq: this.chunkCounts.get(runId) ?? 0,
      live: running ? { output: running.cap.text(), truncated: running.cap.truncated } : null,
    };
  }

  /** Stops the scripts running in one workspace (before it is archived). */
  async stopWorkspace(workspaceId: string): Promise<void> {
    await Promise.all(
      [...this.live.values()].filter((l) => l.workspaceId === workspaceId).map((l) => l.process.stop()),
    );
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all([...this.live.values()].map((l) => l.process.stop()));
  }
}
