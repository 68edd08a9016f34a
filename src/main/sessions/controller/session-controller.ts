import { randomUUID } from 'node:crypto';
import { RequestError, type StopReason } from '@agentclientprotocol/sdk';
import type { QueuedPrompt, SessionErrorKind } from '../../../shared/contract/sessions';
import { AUTH_REQUIRED, errorText, isAuthError } from '../agent/agent-errors';
import type { AgentExit } from '../agent/agent-process';
import { AgentTeardowns } from '../agent/agent-teardowns';
import type { AgentTerminals } from '../agent/agent-terminals';
import { resolveProvider } from '../agent/providers';
import type { Reach } from '../client/fs-confinement';
import { sessionClientHandlers } from '../client/session-client-handlers';
import type { PermissionBroker } from '../permissions/permission-broker';
import { sessionPermissionBroker } from '../permissions/session-permissions';
import type { SessionRecord } from '../sessions-repository';
import type { StartKind } from './admission';
import { setAgentConfigOption, setAgentMode } from './agent-choices';
import { PromptQueue } from './prompt-queue';
import { applyPresetMode, startAgent } from './session-agent-start';
import type { LiveAgent, SessionHost } from './session-host';
import {
  budgetProblem,
  clearForRestart,
  exitProblem,
  markFailed,
  markStopped,
  promptBlocks,
  wallTimeProblem,
} from './session-rules';
import { SessionTimers } from './session-timers';
import {
  cutOffByExit,
  droppedUpdatesNote,
  freshWitness,
  TURN_STOPPED,
  type TurnWitness,
  turnEnd,
  turnFailed,
} from './turn-end';

/**
 * One session's agent: starts it (within the running-agent cap), resumes its conversation where the agent
 * can, sends queued prompts one turn at a time, applies updates in arrival order, and supervises the process
 * (exit, hang, garbage, sign-in, budgets). An `epoch` counter makes callbacks from a replaced agent no-ops.
 */
export class SessionController {
  private agent: LiveAgent | null = null;
  private epoch = 0;
  private starting: Promise<void> | null = null;
  private readonly timers: SessionTimers;
  private replaying = false;
  private readonly teardowns = new AgentTeardowns();
  private readonly queue: PromptQueue;
  /** What the running turn's stop reason will not say (Stop pressed, a permission declined). */
  private witness: TurnWitness = freshWitness();
  readonly permissions: PermissionBroker;

  constructor(
    readonly record: SessionRecord,
    private readonly host: SessionHost,
  ) {
    this.permissions = sessionPermissionBroker(
      record,
      host,
      () => this.agent?.reach ?? { roots: [], hidden: [] },
      () => this.save(),
      (title) => {
        this.witness.declined = title;
      },
    );
    this.queue = new PromptQueue(record.session);
    this.timers = new SessionTimers(
      record.session,
      () => host.settings(),
      () => {
        if (this.agent && !this.busy && this.session.status === 'IDLE') void this.stop('hibernate');
      },
    );
  }

  /** How a prompt starts this session's agent: background sessions (Ratchet's) queue behind the user's. */
  startPriority: Exclude<StartKind, 'wake'> = 'foreground';

  get session() {
    return this.record.session;
  }

  get live(): boolean {
    return this.agent !== null;
  }

  get busy(): boolean {
    return this.timers.turnRunning || this.starting !== null;
  }

  /** Queues a prompt and sends it when the agent is ready; says whether it had to wait. */
  enqueue(text: string, mentions: string[]): { queued: boolean; queuedId: string | null } {
    const item: QueuedPrompt = { id: randomUUID(), text, mentions, createdAt: Date.now() };
    const sendNow =
      this.agent !== null && !this.busy && this.session.status === 'IDLE' && this.queue.sendable === 0;
    if (sendNow) {
      // Straight to the agent: the turn start stores the session once, with the prompt in the log.
      void this.runTurn(item);
      return { queued: false, queuedId: null };
    }
    this.queue.add(item);
    this.save();
    this.pump();
    // A wake waiting for a free slot may now make room, as a start for a prompt does.
    if (this.starting) this.host.admission.urge(this.session.id);
    return { queued: true, queuedId: item.id };
  }

  /** Sends the next queued prompt if nothing is running; starts (or resumes) the agent first if needed. */
  pump(): void {
    const s = this.session;
    if (this.timers.turnRunning || this.starting || this.queue.sendable === 0) return;
    if (s.status === 'ERROR' || s.status === 'STOPPED') return;
    if (!this.agent) {
      void this.ensureStarted(this.startPriority);
      return;
    }
    if (s.status !== 'IDLE') return;
    void this.runTurn(this.queue.take());
  }

  /** The user's cancel: the running turn stops, and whatever is queued waits for `resumeQueue`. */
  cancelByUser(): void {
    if (this.timers.turnRunning) this.witness.stoppedByUser = true;
    if (this.queue.hold()) this.save();
    this.cancel();
  }

  /** Releases a held queue and sends its next prompt when the agent is free. */
  resumeQueue(): void {
    if (!this.queue.release()) return;
    this.save();
    this.pump();
  }

  /** Removes a queued prompt; false when it is not queued (sent already, or never was). */
  removeQueued(queuedId: string): boolean {
    if (!this.queue.remove(queuedId)) return false;
    this.save();
    return true;
  }

  /**
   * The user shows intent to use the session: a hibernated agent starts coming back now, as a `wake` start
   * (after prompts, before restarts) that takes only a free slot. False when there is nothing to wake.
   */
  wake(): boolean {
    const s = this.session;
    if (this.agent || this.starting || s.process.state !== 'hibernated' || s.status !== 'IDLE') return false;
    void this.ensureStarted('wake');
    return true;
  }

  /** Starts the agent process and its ACP session unless one is live or starting. */
  ensureStarted(kind: StartKind = 'foreground'): Promise<void> {
    if (this.agent) return Promise.resolve();
    this.starting ??= this.start(kind).finally(() => {
      this.starting = null;
      this.pump();
    });
    return this.starting;
  }

  private start(kind: StartKind): Promise<void> {
    const epoch = ++this.epoch;
    return startAgent({
      record: this.record,
      host: this.host,
      kind,
      current: () => epoch === this.epoch,
      fail: (kind, reason) => this.fail(kind, reason, epoch),
      failFromError: (error) => this.failFromError(error, epoch),
      onExit: (exit) => this.onExit(exit, epoch),
      handlers: (worktree, reach, terminals) => this.clientHandlers(epoch, worktree, reach, terminals),
      attach: (agent) => {
        this.agent = agent;
      },
      setReplaying: (replaying) => {
        this.replaying = replaying;
      },
      save: () => this.save(),
      ready: () => this.timers.armIdle(),
    });
  }

  private async runTurn(item: QueuedPrompt): Promise<void> {
    const agent = this.agent as LiveAgent;
    const epoch = this.epoch;
    const s = this.session;
    this.timers.clearIdle();
    const prompt = promptBlocks(item.text, item.mentions, agent.worktree, this.record.extras.carryOver);
    this.record.extras.carryOver = null;
    this.witness = freshWitness();
    s.status = 'RUNNING';
    s.lastActivityAt = Date.now();
    this.host.log.append(s.id, 'prompt', { prompt, queuedId: item.id });
    this.timers.startTurn((limit) => {
      if (epoch !== this.epoch) return;
      this.cancel();
      this.fail('BUDGET', wallTimeProblem(limit), epoch);
    });
    this.save();
    try {
      const res = await agent.connection.request('session/prompt', {
        sessionId: s.agentSessionId as string,
        prompt,
      });
      if (epoch !== this.epoch) return;
      const dropped = droppedUpdatesNote(await agent.connection.takeDroppedUpdates());
      if (epoch !== this.epoch) return;
      if (dropped) this.host.log.append(s.id, 'system', dropped);
      this.endTurn(res.stopReason, null);
    } catch (error) {
      if (epoch !== this.epoch) return;
      if (isAuthError(error)) return this.failFromError(error, epoch);
      if (await cutOffByExit(error, agent.process)) return;
      if (epoch !== this.epoch) return;
      this.endTurn(null, error);
    }
  }

  private endTurn(stopReason: StopReason | null, error: unknown): void {
    const s = this.session;
    this.timers.closeTurn();
    const end = stopReason === null ? turnFailed(error) : turnEnd(stopReason, this.witness);
    this.host.log.append(s.id, 'status', end);
    this.host.log.flush();
    s.status = 'IDLE';
    s.lastActivityAt = Date.now();
    this.save();
    this.host.turnEnded(s.workspaceId);
    if (this.overBudget()) return;
    this.timers.armIdle();
    this.pump();
  }

  /** The settings changed: running clocks (idle countdown, wall-time budget) follow the new limits. */
  settingsChanged(): void {
    this.timers.settingsChanged();
  }

  /** Cancels the running turn; pending permission requests are answered `cancelled`. */
  cancel(): void {
    this.permissions.cancelAll();
    if (this.timers.turnRunning && this.agent && this.session.agentSessionId) {
      void this.agent.connection
        .notify('session/cancel', { sessionId: this.session.agentSessionId })
        .catch(() => {});
    }
  }

  async setMode(modeId: string): Promise<void> {
    await setAgentMode(this.requireLive().connection, this.session, modeId);
    this.save();
  }

  async setConfigOption(configId: string, value: string | boolean): Promise<void> {
    await setAgentConfigOption(this.requireLive().connection, this.session, configId, value);
    this.save();
  }

  async applyPreset(): Promise<void> {
    const epoch = this.epoch;
    const current = () => epoch === this.epoch;
    if (this.agent) await applyPresetMode(this.agent.connection, this.session, this.host.logger, current);
    this.save();
  }

  /** Kills the agent's process group; the session becomes STOPPED (or stays IDLE, hibernated). */
  async stop(mode: 'stop' | 'hibernate' = 'stop'): Promise<void> {
    // The turn's prompt request dies with the agent: its end is written here instead.
    if (this.timers.turnRunning) this.host.log.append(this.session.id, 'status', TURN_STOPPED);
    this.timers.closeTurn();
    const agent = this.detach();
    const s = this.session;
    this.host.logger.info(`Session ${s.id}: ${mode === 'hibernate' ? 'hibernating idle agent' : 'stopped'}`);
    markStopped(s, mode);
    this.host.log.flush();
    this.save();
    await this.teardown(agent);
  }

  /** Clears an error or stop and starts a fresh agent (resuming the conversation where possible). */
  restart(): Promise<void> {
    clearForRestart(this.session);
    this.save();
    // Restarts queue behind what the user is waiting for (as recovery will).
    return this.ensureStarted('background');
  }

  /** Waits for every process this session started to be gone. */
  async dispose(): Promise<void> {
    this.timers.clearWallBudget();
    await this.teardown(this.detach());
    await this.teardowns.settled();
  }

  private clientHandlers(epoch: number, worktree: string, reach: Reach, terminals: AgentTerminals) {
    return sessionClientHandlers({
      session: this.session,
      worktree,
      reach,
      terminals,
      permissions: this.permissions,
      log: this.host.log,
      listening: () => epoch === this.epoch && !this.replaying,
      connection: () => this.agent?.connection ?? null,
      save: () => this.save(),
      usageChanged: () => this.overBudget(),
    });
  }

  private onExit(exit: AgentExit, epoch: number) {
    this.host.logger.info(
      `Session ${this.session.id}: agent exited (code ${exit.code}, signal ${exit.signal})${exit.spawnError ? `: ${exit.spawnError}` : ''}`,
    );
    if (epoch !== this.epoch) return;
    const problem = exitProblem(exit, this.agent?.process.stderr ?? '');
    this.fail(problem.kind, problem.reason, epoch);
  }

  private failFromError(error: unknown, epoch: number): void {
    if (epoch !== this.epoch) return;
    if (isAuthError(error)) {
      const provider = resolveProvider(this.session.provider, this.host.settings().providers);
      this.session.loginHint = provider.ok ? provider.value.loginHint : null;
      this.fail('NOT_SIGNED_IN', `Not signed in: ${errorText(error)}`, epoch);
      return;
    }
    this.fail(error instanceof RequestError ? 'AGENT_ERROR' : 'CRASHED', errorText(error), epoch);
  }

  /** ERROR with a reason; the process group is killed; other sessions are untouched. */
  fail(kind: SessionErrorKind, reason: string, epoch = this.epoch): void {
    if (epoch !== this.epoch) return;
    this.timers.closeTurn();
    const agent = this.detach();
    const s = this.session;
    markFailed(s, kind, reason);
    this.host.log.append(s.id, 'error', {
      code: kind === 'NOT_SIGNED_IN' ? AUTH_REQUIRED : null,
      message: reason,
      kind,
    });
    this.host.log.flush();
    this.host.logger.warn(`Session ${s.id} failed (${kind}): ${reason}`);
    this.save();
    void this.teardown(agent);
  }

  private overBudget(): boolean {
    const problem = budgetProblem(this.host.settings().sessionBudget, this.session);
    if (problem) this.fail('BUDGET', problem);
    return problem !== null;
  }

  private requireLive(): LiveAgent {
    if (!this.agent || !this.session.agentSessionId)
      throw new RequestError(-32603, 'The agent is not running');
    return this.agent;
  }

  /**
   * Lets go of the agent: callbacks from it become no-ops (new epoch), the idle timer and any place in the
   * running-agent queue are dropped, pending permission requests are cancelled. Returns it for teardown.
   */
  private detach(): LiveAgent | null {
    this.epoch++;
    this.timers.clearIdle();
    this.host.admission.withdraw(this.session.id);
    const agent = this.agent;
    this.agent = null;
    this.permissions.cancelAll();
    return agent;
  }

  private teardown(agent: LiveAgent | null): Promise<void> {
    return this.teardowns.run(agent, () => {
      this.record.pid = null;
      this.record.pgid = null;
      if (!this.agent) this.save();
    });
  }

  private save(): void {
    this.session.updatedAt = Date.now();
    this.host.save(this.record);
  }
}
