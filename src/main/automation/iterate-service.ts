import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '../../shared/contract/events';
import {
  ITERATE_DEFAULT_MAX,
  ITERATE_DEFAULT_TIMEOUT_MS,
  type IterateLoop,
  type IterateStatus,
} from '../../shared/contract/iterate';
import type { Project } from '../../shared/contract/projects';
import type { Workspace } from '../../shared/contract/workspaces';
import { err, ok, type Result } from '../../shared/lib/result';
import type { PromptLibrary } from '../prompts/prompt-library';
import { fenceUntrusted } from '../prompts/prompt-template';
import { workspaceVariables } from '../prompts/prompt-variables';
import type { Problem } from '../rpc-errors';
import type { Db } from '../store/database';
import type { ScriptOutcome, ScriptRunOptions } from '../workspaces/script-supervisor';
import { checkRecord, checkVerdict, outputTail } from './iterate-check';
import { IterateRepository } from './iterate-repository';
import { type DeliveryDeps, deliver, isActive, problemText } from './prompt-delivery';

export interface IterateDeps extends DeliveryDeps {
  db: Db;
  prompts: Pick<PromptLibrary, 'render'>;
  workspaces: {
    get(id: string): Workspace | null;
    runCheck(id: string, command: string, options: ScriptRunOptions): Promise<ScriptOutcome> | null;
    scriptOutput(runId: string): Result<{ output: string }, unknown>;
  };
  projects: { get(id: string): Project | null };
}

export interface IterateInput {
  workspaceId: string;
  sessionId?: string;
  provider?: string;
  goal: string;
  command: string;
  maxIterations?: number;
  timeoutMs?: number;
}

const START_PROMPT = 'system/iterate-start';
const FAILURE_PROMPT = 'system/iterate';

/**
 * Iterate until green: after each of the agent's turns, runs the loop's check in the worktree (a `check` script
 * run: output capped and streamed live) and sends a failure back, until the check passes, the iterations run
 * out, the user stops it, or the session cannot go on. The stored loop is the truth: its iteration and phase
 * are written before each step, so a restart continues the step that was cut off and sends no prompt twice.
 */
export class IterateService {
  private readonly repo: IterateRepository;
  /** Running checks by loop id (with the loop's session, whose deletion also deletes the loop's row). */
  private readonly checks = new Map<
    string,
    { sessionId: string; abort: AbortController; done: Promise<void> }
  >();
  private readonly off: () => void;
  private disposing = false;

  constructor(private readonly deps: IterateDeps) {
    this.repo = new IterateRepository(deps.db);
    this.off = deps.events.on((event) => this.onEvent(event));
  }

  /** Loops a previous run left RUNNING continue: the check runs again (a turn or a check was cut off). */
  start(): void {
    for (const loop of this.repo.list({ status: 'RUNNING' })) {
      const session = this.deps.sessions.get(loop.sessionId);
      if (!session || !isActive(session)) {
        this.finish(
          loop,
          'FAILED',
          'The app restarted and the session cannot continue (it is stopped or read-only)',
        );
        continue;
      }
      if (loop.phase === 'agent' && session.queue.length > 0) continue; // Its prompt is still queued: wait for its turn.
      this.note(
        loop,
        `The app restarted during iteration ${loop.iteration} of ${loop.maxIterations}; running the check again.`,
      );
      void this.runCheck(loop);
    }
  }

  list(workspaceId?: string): IterateLoop[] {
    return workspaceId ? this.repo.list({ workspaceId }) : this.repo.list({ status: 'RUNNING' });
  }

  async begin(input: IterateInput): Promise<Result<IterateLoop, Problem>> {
    const workspace = this.deps.workspaces.get(input.workspaceId);
    if (!workspace) return err({ code: 'NOT_FOUND', entity: 'workspace', id: input.workspaceId });
    if (workspace.status !== 'READY') {
      return err({
        code: 'CONFLICT',
        reason: `The workspace is ${workspace.status}; the check needs it READY`,
      });
    }
    const running = this.alreadyRunning(workspace.id);
    if (running) return err(running);
    const maxIterations = input.maxIterations ?? ITERATE_DEFAULT_MAX;
    const text = await this.deps.prompts.render(
      START_PROMPT,
      {
        ...this.variables(workspace),
        goal: input.goal,
        command: input.command,
        max_iterations: String(maxIterations),
      },
      { projectPath: this.deps.projects.get(workspace.projectId)?.path },
    );
    if (!text.ok) return text;
    // Checked again after the await: from here to the insert nothing yields, so two starts cannot both pass.
    const raced = this.alreadyRunning(workspace.id);
    if (raced) return err(raced);
    const sent = deliver(this.deps, {
      workspaceId: workspace.id,
      text: text.value.text,
      session: input.sessionId ? 'current' : 'new',
      sessionId: input.sessionId,
      providers: [input.provider],
      title: 'Iterate until green',
    });
    if (!sent.ok) return sent;
    // Stored in the same tick as the prompt was queued: its turn cannot end before the loop exists.
    const loop = this.repo.insert({
      id: randomUUID(),
      workspaceId: workspace.id,
      sessionId: sent.value.sessionId,
      goal: input.goal,
      command: input.command,
      maxIterations,
      timeoutMs: input.timeoutMs ?? ITERATE_DEFAULT_TIMEOUT_MS,
      iteration: 1,
      phase: 'agent',
      status: 'RUNNING',
      reason: null,
      lastCheck: null,
    });
    this.publish(loop);
    this.note(
      loop,
      `Iterate until green: iteration 1 of ${maxIterations}; \`${loop.command}\` runs after each turn.`,
    );
    return ok(loop);
  }

  /** The user's Stop: a running check is killed and a running turn cancelled. */
  stop(loopId: string): Result<IterateLoop, Problem> {
    const loop = this.repo.get(loopId);
    if (!loop) return err({ code: 'NOT_FOUND', entity: 'iterate loop', id: loopId });
    if (loop.status !== 'RUNNING') return ok(loop);
    const stopped = this.finish(loop, 'STOPPED', `Stopped by you during iteration ${loop.iteration}`);
    if (loop.phase === 'agent' && this.deps.sessions.get(loop.sessionId)?.status !== 'IDLE') {
      this.deps.sessions.cancel(loop.sessionId);
    }
    return ok(stopped ?? loop);
  }

  async dispose(): Promise<void> {
    this.disposing = true;
    this.off();
    // Killed by the shutdown, not failed: the loop stays RUNNING and the next start runs the check again.
    for (const check of this.checks.values()) check.abort.abort();
    await Promise.all([...this.checks.values()].map((c) => c.done));
  }

  private onEvent(event: DomainEvent): void {
    if (this.disposing) return;
    if (event.type === 'session.log' && event.entry.kind === 'status') {
      const cause = (event.entry.payload as { cause?: string; message?: string }).cause;
      if (!cause) return;
      const loop = this.running((l) => l.sessionId === event.entry.sessionId && l.phase === 'agent');
      if (!loop) return;
      if (cause === 'stopped_by_user') this.finish(loop, 'STOPPED', "You stopped the agent's turn");
      else if (cause === 'agent_stopped') this.finish(loop, 'STOPPED', 'The agent was stopped');
      else if (cause === 'agent_error') {
        const message = (event.entry.payload as { message?: string }).message ?? 'no detail';
        this.finish(loop, 'FAILED', `The agent's turn failed: ${message}`);
      } else if ((this.deps.sessions.get(loop.sessionId)?.queue.length ?? 0) === 0) void this.runCheck(loop);
    } else if (event.type === 'session.changed' && event.session.status === 'ERROR') {
      const loop = this.running((l) => l.sessionId === event.session.id);
      if (!loop) return;
      const s = event.session;
      this.finish(
        loop,
        'FAILED',
        s.errorKind === 'BUDGET'
          ? `The session's budget ran out: ${s.statusReason}`
          : `The agent failed: ${s.statusReason}`,
      );
    } else if (
      event.type === 'session.removed' ||
      (event.type === 'workspace.changed' && event.workspace.status === 'ARCHIVING')
    ) {
      const gone = (l: IterateLoop) =>
        event.type === 'session.removed'
          ? l.sessionId === event.sessionId
          : l.workspaceId === event.workspace.id;
      if (event.type === 'session.removed') {
        for (const check of this.checks.values())
          if (check.sessionId === event.sessionId) check.abort.abort();
      }
      const loop = this.running(gone);
      if (loop)
        this.finish(
          loop,
          'STOPPED',
          event.type === 'session.removed' ? 'Its session was deleted' : 'The workspace is being archived',
        );
    }
  }

  private async runCheck(start: IterateLoop): Promise<void> {
    if (this.checks.has(start.id)) return;
    const loop = this.repo.update(start.id, { phase: 'check' });
    if (!loop) return;
    this.publish(loop);
    const abort = new AbortController();
    let settle = () => {};
    this.checks.set(loop.id, {
      sessionId: loop.sessionId,
      abort,
      done: new Promise<void>((resolve) => {
        settle = resolve;
      }),
    });
    try {
      const running = this.deps.workspaces.runCheck(loop.workspaceId, loop.command, {
        timeoutMs: loop.timeoutMs,
        signal: abort.signal,
        onStart: (run) => {
          const started = this.repo.update(loop.id, {
            lastCheck: {
              runId: run.id,
              iteration: loop.iteration,
              passed: null,
              exitCode: null,
              timedOut: false,
              at: run.startedAt,
            },
          });
          if (started) this.publish(started);
        },
      });
      if (!running) {
        this.finish(loop, 'FAILED', 'The workspace is no longer READY');
        return;
      }
      const outcome = await running;
      if (this.disposing) return;
      const current = this.repo.get(loop.id);
      if (current?.status !== 'RUNNING') return;
      this.afterCheck(current, outcome);
    } finally {
      this.checks.delete(loop.id);
      settle();
    }
  }

  private afterCheck(loop: IterateLoop, outcome: ScriptOutcome): void {
    const verdict = checkVerdict(outcome, loop.timeoutMs);
    const lastCheck = checkRecord(outcome, loop.iteration, verdict);
    const k = loop.iteration;
    const of = loop.maxIterations;
    if (verdict.kind === 'passed') {
      this.finish(loop, 'PASSED', `The check passed after ${k} iteration(s)`, lastCheck);
      return;
    }
    if (verdict.kind === 'broken') {
      this.finish(loop, 'FAILED', verdict.reason, lastCheck);
      return;
    }
    if (k >= of) {
      this.finish(
        loop,
        'EXHAUSTED',
        `The check still fails (${verdict.exit}) after ${k} iteration(s)`,
        lastCheck,
      );
      return;
    }
    const workspace = this.deps.workspaces.get(loop.workspaceId);
    const stored = this.deps.workspaces.scriptOutput(outcome.run.id);
    const output = stored.ok ? stored.value.output : '';
    void this.deps.prompts
      .render(
        FAILURE_PROMPT,
        {
          ...(workspace ? this.variables(workspace) : {}),
          goal: loop.goal,
          command: loop.command,
          exit: verdict.exit,
          output: fenceUntrusted('check-output', outputTail(output)),
          iteration: String(k),
          max_iterations: String(of),
        },
        { projectPath: workspace ? this.deps.projects.get(workspace.projectId)?.path : undefined },
      )
      .then((text) => {
        const current = this.repo.get(loop.id);
        if (this.disposing || current?.status !== 'RUNNING') return;
        if (!text.ok) {
          this.finish(
            current,
            'FAILED',
            `The iterate prompt is broken: ${text.error.code === 'INVALID' ? text.error.reason : 'missing'}`,
            lastCheck,
          );
          return;
        }
        // Written before the prompt goes: a restart from here runs the check, never this prompt again.
        const next = this.repo.update(loop.id, { iteration: k + 1, phase: 'agent', lastCheck });
        if (!next) return;
        this.publish(next);
        this.note(
          next,
          `The check failed (${verdict.exit}) after iteration ${k} of ${of}; sending its output back: iteration ${k + 1} of ${of}.`,
        );
        const sent = this.deps.sessions.prompt(loop.sessionId, text.value.text);
        if (!sent.ok)
          this.finish(
            next,
            'FAILED',
            `The failure could not be sent to the agent: ${problemText(sent.error)}`,
          );
      });
  }

  private finish(
    loop: IterateLoop,
    status: Exclude<IterateStatus, 'RUNNING'>,
    reason: string,
    lastCheck = loop.lastCheck,
  ): IterateLoop | null {
    const done = this.repo.update(loop.id, { status, reason, lastCheck });
    this.checks.get(loop.id)?.abort.abort();
    if (!done) return null;
    this.publish(done);
    this.note(done, `Iterate until green ${status === 'PASSED' ? 'finished' : 'stopped'}: ${reason}.`);
    this.deps.logger.info(`Iterate loop ${loop.id} ${status}: ${reason}`);
    return done;
  }

  private alreadyRunning(workspaceId: string): Problem | null {
    return this.repo.list({ workspaceId, status: 'RUNNING' }).length > 0
      ? { code: 'CONFLICT', reason: 'An iterate loop already runs in this workspace; stop it first' }
      : null;
  }

  private running(match: (l: IterateLoop) => boolean): IterateLoop | undefined {
    return this.repo.list({ status: 'RUNNING' }).find(match);
  }

  private variables(workspace: Workspace): Record<string, string> {
    return workspaceVariables(workspace, this.deps.projects.get(workspace.projectId));
  }

  private note(loop: IterateLoop, text: string): void {
    this.deps.sessions.note(loop.sessionId, text);
  }

  private publish(loop: IterateLoop): void {
    this.deps.events.publish({ type: 'iterate.changed', loop });
  }
}
