import { randomUUID } from 'node:crypto';
import { RequestError, type SessionNotification, type StopReason } from '@agentclientprotocol/sdk';
import type { PermissionDecisionKind, QueuedPrompt, SessionErrorKind } from '../../shared/contract/sessions';
import type { AppSettings } from '../../shared/contract/settings';
import type { Logger } from '../logging/logger';
import type { Admission, AdmissionTicket } from './admission';
import type { AgentConnection } from './agent-connection';
import { buildAgentEnv } from './agent-env';
import { AUTH_REQUIRED, codeOf, errorText, isAuthError } from './agent-errors';
import { initializeAgent, launchAgent, openConversation } from './agent-launch';
import { modeForPreset, toConfigOptions, toModes } from './agent-offers';
import type { AgentProcess } from './agent-process';
import type { AgentTerminals } from './agent-terminals';
import { fsAndTerminalHandlers } from './client-methods';
import { PermissionBroker } from './permission-broker';
import { resolveProvider } from './providers';
import type { SessionLogWriter } from './session-log-writer';
import { applyToSession, budgetProblem, exitProblem, promptBlocks, wallTimeProblem } from './session-rules';
import type { SessionRecord } from './sessions-repository';

export interface SessionHost {
  log: SessionLogWriter;
  logger: Logger;
  admission: Admission;
  clientVersion: string;
  settings(): AppSettings;
  /** A turn ended in a workspace (its last activity). */
  turnEnded(workspaceId: string): void;
  /** The worktree and env envelope of a workspace, or null when it is gone. */
  workspace(id: string): { worktreePath: string; env: Record<string, string> } | null;
  /** Stores the record and pushes `session.changed`. */
  save(record: SessionRecord): void;
}

interface LiveAgent {
  process: AgentProcess;
  connection: AgentConnection;
  terminals: AgentTerminals;
  worktree: string;
  ticket: AdmissionTicket;
}

/**
 * One session's agent: starts it (within the running-agent cap), resumes its conversation where the agent
 * can, sends queued prompts one turn at a time, applies updates in arrival order, and supervises the process
 * (exit, hang, garbage, sign-in, budgets). An `epoch` counter makes callbacks from a replaced agent no-ops.
 */
export class SessionController {
  private agent: LiveAgent | null = null;
  private epoch = 0;
  private starting: Promise<void> | null = null;
  private turn: { startedAt: number; budgetTimer: NodeJS.Timeout | null } | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private replaying = false;
  private readonly teardowns = new Set<Promise<void>>();
  readonly permissions: PermissionBroker;

  constructor(
    readonly record: SessionRecord,
    private readonly host: SessionHost,
  ) {
    this.permissions = new PermissionBroker({
      preset: () => this.session.permissionPreset,
      worktree: () => this.agent?.worktree ?? '',
      alwaysAllowed: () => this.record.extras.alwaysAllowed,
      rememberAlways: (kind) => {
        if (!this.record.extras.alwaysAllowed.includes(kind)) this.record.extras.alwaysAllowed.push(kind);
      },
      logRequest: (payload) => this.host.log.append(this.session.id, 'permission_request', payload),
      logDecision: (payload) => this.host.log.append(this.session.id, 'permission_decision', payload),
      pendingChanged: (pending) => {
        this.session.pendingPermissions = pending;
        if (pending.length > 0 && this.session.status === 'RUNNING')
          this.session.status = 'AWAITING_PERMISSION';
        if (pending.length === 0 && this.session.status === 'AWAITING_PERMISSION')
          this.session.status = 'RUNNING';
        this.host.log.flush();
        this.save();
      },
    });
  }

  get session() {
    return this.record.session;
  }

  get live(): boolean {
    return this.agent !== null;
  }

  get busy(): boolean {
    return this.turn !== null || this.starting !== null;
  }

  /** Queues a prompt and sends it when the agent is ready; says whether it had to wait. */
  enqueue(text: string, mentions: string[]): { queued: boolean; queuedId: string | null } {
    const item: QueuedPrompt = { id: randomUUID(), text, mentions, createdAt: Date.now() };
    const sendNow =
      this.agent !== null && !this.busy && this.session.status === 'IDLE' && this.session.queue.length === 0;
    this.session.queue.push(item);
    this.save();
    this.pump();
    return sendNow ? { queued: false, queuedId: null } : { queued: true, queuedId: item.id };
  }

  /** Sends the next queued prompt if nothing is running; starts (or resumes) the agent first if needed. */
  pump(): void {
    if (this.turn || this.starting || this.session.queue.length === 0) return;
    if (this.session.status === 'ERROR' || this.session.status === 'STOPPED') return;
    if (!this.agent) {
      void this.ensureStarted();
      return;
    }
    if (this.session.status !== 'IDLE') return;
    const next = this.session.queue.shift() as QueuedPrompt;
    void this.runTurn(next);
  }

  /** Starts the agent process and its ACP session unless one is live or starting. */
  ensureStarted(): Promise<void> {
    if (this.agent) return Promise.resolve();
    this.starting ??= this.start().finally(() => {
      this.starting = null;
      this.pump();
    });
    return this.starting;
  }

  private async start(): Promise<void> {
    const epoch = ++this.epoch;
    const s = this.session;
    const settings = this.host.settings();
    const workspace = this.host.workspace(s.workspaceId);
    if (!workspace) return this.fail('CRASHED', 'The workspace no longer exists', epoch);
    const provider = resolveProvider(s.provider, settings.providers);
    if (!provider.ok) return this.fail('CRASHED', provider.error, epoch);

    s.process = { state: 'waiting', pid: null, queuePosition: null };
    if (s.status !== 'IDLE') s.status = 'STARTING';
    this.save();
    const ticket = await this.host.admission.acquire(s.id, (position) => {
      if (epoch !== this.epoch) return;
      s.process = { ...s.process, queuePosition: position };
      this.save();
    });
    if (epoch !== this.epoch) return ticket.release();

    const { env, secrets } = buildAgentEnv({
      source: process.env,
      providerKind: provider.value.kind,
      workspace: workspace.env,
      overrides: provider.value.env,
      extra: { FF_SESSION_ID: s.id },
    });
    for (const secret of secrets) this.host.logger.addSecret(secret);
    const timeoutMs = settings.agentReplyTimeoutMs;
    const launched = launchAgent({
      command: provider.value.command,
      args: provider.value.args,
      cwd: workspace.worktreePath,
      env,
      replyTimeoutMs: timeoutMs,
      handlers: (terminals) => this.clientHandlers(epoch, workspace.worktreePath, terminals),
      onGarbage: (line) =>
        this.fail(
          'PROTOCOL',
          `The agent wrote something that is not ACP to stdout: ${JSON.stringify(line)}`,
          epoch,
        ),
      onExit: (exit) => this.onExit(exit, epoch),
      onHang: () =>
        this.fail('HUNG', `The agent did not reply within ${Math.round(timeoutMs / 1000)} s`, epoch),
    });
    const { connection } = launched;
    const pid = launched.process.pid;
    this.agent = { ...launched, worktree: workspace.worktreePath, ticket };
    this.record.pid = pid;
    this.record.pgid = pid;
    s.status = 'STARTING';
    s.process = { state: 'starting', pid, queuePosition: null };
    this.save();

    try {
      const caps = await initializeAgent(connection, this.host.clientVersion);
      if (epoch !== this.epoch) return;
      this.record.capabilities = caps as Record<string, unknown>;
      s.canResume = Boolean(caps.loadSession) || Boolean(caps.sessionCapabilities?.resume);
      const opened = await openConversation(connection, {
        caps,
        cwd: workspace.worktreePath,
        previous: s.agentSessionId,
        note: (text) => this.host.log.append(s.id, 'system', { text }),
        setReplaying: (replaying) => {
          this.replaying = replaying;
        },
        stillCurrent: () => epoch === this.epoch,
      });
      if (epoch !== this.epoch) return;
      s.agentSessionId = opened.sessionId;
      this.applyOffers(opened.offers as Parameters<SessionController['applyOffers']>[0]);
      await this.applyPresetMode(connection, epoch);
      if (epoch !== this.epoch) return;
      s.status = 'IDLE';
      s.statusReason = null;
      s.process = { state: 'live', pid, queuePosition: null };
      this.host.log.flush();
      this.save();
      this.armIdleTimer();
    } catch (error) {
      this.failFromError(error, epoch);
    }
  }

  private applyOffers(res: {
    modes?: Parameters<typeof toModes>[0];
    configOptions?: Parameters<typeof toConfigOptions>[0];
  }) {
    const modes = toModes(res.modes);
    if (modes) this.session.modes = modes;
    if (res.configOptions) this.session.configOptions = toConfigOptions(res.configOptions);
  }

  private async applyPresetMode(connection: AgentConnection, epoch: number): Promise<void> {
    const mode = modeForPreset(this.session.modes, this.session.permissionPreset);
    if (!mode || epoch !== this.epoch) return;
    try {
      await connection.request('session/set_mode', {
        sessionId: this.session.agentSessionId as string,
        modeId: mode,
      });
      // Claude's adapters do not confirm with current_mode_update: record what we set.
      this.session.modes = { ...this.session.modes, currentModeId: mode };
    } catch (error) {
      if (isAuthError(error)) throw error;
      this.host.logger.warn(`Session ${this.session.id}: could not set mode ${mode}`, errorText(error));
    }
  }

  private async runTurn(item: QueuedPrompt): Promise<void> {
    const agent = this.agent as LiveAgent;
    const epoch = this.epoch;
    const s = this.session;
    this.clearIdleTimer();
    const prompt = promptBlocks(item.text, item.mentions, agent.worktree, this.record.extras.carryOver);
    this.record.extras.carryOver = null;
    s.status = 'RUNNING';
    s.lastActivityAt = Date.now();
    this.host.log.append(s.id, 'prompt', { prompt, queuedId: item.id });
    this.turn = { startedAt: Date.now(), budgetTimer: this.armWallBudget(epoch) };
    this.save();
    try {
      const res = await agent.connection.request('session/prompt', {
        sessionId: s.agentSessionId as string,
        prompt,
      });
      if (epoch !== this.epoch) return;
      const dropped = await agent.connection.takeDroppedUpdates();
      if (epoch !== this.epoch) return;
      if (dropped > 0) {
        this.host.log.append(s.id, 'system', {
          text: `${dropped} update(s) from the agent were not valid ACP and were dropped.`,
        });
      }
      this.endTurn(res.stopReason, null);
    } catch (error) {
      if (epoch !== this.epoch) return;
      if (isAuthError(error)) return this.failFromError(error, epoch);
      this.endTurn(null, error);
    }
  }

  private endTurn(stopReason: StopReason | null, error: unknown): void {
    const s = this.session;
    this.closeTurnClock();
    if (error)
      this.host.log.append(s.id, 'error', {
        code: codeOf(error),
        message: errorText(error),
        kind: 'AGENT_ERROR',
      });
    this.host.log.append(s.id, 'status', { status: 'IDLE', stopReason: stopReason ?? 'error' });
    this.host.log.flush();
    s.status = 'IDLE';
    s.lastActivityAt = Date.now();
    this.save();
    this.host.turnEnded(s.workspaceId);
    if (this.overBudget()) return;
    this.armIdleTimer();
    this.pump();
  }

  private closeTurnClock(): void {
    if (!this.turn) return;
    if (this.turn.budgetTimer) clearTimeout(this.turn.budgetTimer);
    this.session.runningMs += Date.now() - this.turn.startedAt;
    this.turn = null;
  }

  /** Cancels the running turn; pending permission requests are answered `cancelled`. */
  cancel(): void {
    this.permissions.cancelAll();
    if (this.turn && this.agent && this.session.agentSessionId) {
      void this.agent.connection
        .notify('session/cancel', { sessionId: this.session.agentSessionId })
        .catch(() => {});
    }
  }

  async setMode(modeId: string): Promise<void> {
    const agent = this.requireLive();
    await agent.connection.request('session/set_mode', {
      sessionId: this.session.agentSessionId as string,
      modeId,
    });
    this.session.modes = { ...this.session.modes, currentModeId: modeId };
    this.save();
  }

  async setConfigOption(configId: string, value: string | boolean): Promise<void> {
    const agent = this.requireLive();
    const sessionId = this.session.agentSessionId as string;
    const res = await agent.connection.request(
      'session/set_config_option',
      typeof value === 'boolean'
        ? { sessionId, configId, type: 'boolean', value }
        : { sessionId, configId, value },
    );
    this.session.configOptions = toConfigOptions(res.configOptions);
    this.save();
  }

  async applyPreset(): Promise<void> {
    if (this.agent) await this.applyPresetMode(this.agent.connection, this.epoch);
    this.save();
  }

  answerPermission(requestId: string, decision: PermissionDecisionKind): boolean {
    return this.permissions.answer(requestId, decision);
  }

  /** Kills the agent's process group; the session becomes STOPPED (or stays IDLE, hibernated). */
  async stop(mode: 'stop' | 'hibernate' = 'stop'): Promise<void> {
    this.epoch++;
    this.clearIdleTimer();
    this.closeTurnClock();
    this.host.admission.withdraw(this.session.id);
    const agent = this.detach();
    const s = this.session;
    if (mode === 'hibernate') {
      s.process = { state: 'hibernated', pid: null, queuePosition: null };
    } else {
      s.status = 'STOPPED';
      s.statusReason = null;
      s.process = { state: 'none', pid: null, queuePosition: null };
    }
    this.host.log.flush();
    this.save();
    await this.teardown(agent);
  }

  /** Clears an error or stop and starts a fresh agent (resuming the conversation where possible). */
  restart(): Promise<void> {
    const s = this.session;
    if (s.errorKind === 'BUDGET') {
      s.runningMs = 0;
      s.usage = null;
    }
    s.status = 'STARTING';
    s.statusReason = null;
    s.errorKind = null;
    s.loginHint = null;
    s.readOnly = false;
    this.save();
    return this.ensureStarted();
  }

  /** Waits for every process this session started to be gone. */
  async dispose(): Promise<void> {
    this.epoch++;
    this.clearIdleTimer();
    if (this.turn?.budgetTimer) clearTimeout(this.turn.budgetTimer);
    this.host.admission.withdraw(this.session.id);
    await this.teardown(this.detach());
    await Promise.all([...this.teardowns]);
  }

  private onUpdate(n: SessionNotification, epoch: number): void {
    const s = this.session;
    if (epoch !== this.epoch || this.replaying) return;
    if (s.agentSessionId && n.sessionId !== s.agentSessionId) return;
    const u = n.update;
    this.host.log.append(s.id, 'update', u);
    if (u.sessionUpdate === 'agent_message_chunk' || u.sessionUpdate === 'agent_thought_chunk') return;
    if (applyToSession(s, u)) this.save();
    if (u.sessionUpdate === 'usage_update') this.overBudget();
  }

  private clientHandlers(epoch: number, worktree: string, terminals: AgentTerminals) {
    return {
      onUpdate: (n: SessionNotification) => this.onUpdate(n, epoch),
      'session/request_permission': ({
        params,
        signal,
      }: {
        params: Parameters<PermissionBroker['request']>[0];
        signal: AbortSignal;
      }) => {
        const answer = this.permissions.request(params, signal);
        return answer instanceof Promise && this.agent ? this.agent.connection.whileWeWait(answer) : answer;
      },
      ...fsAndTerminalHandlers({
        worktree,
        terminals,
        whileWeWait: (wait) => (this.agent ? this.agent.connection.whileWeWait(wait) : wait),
        refused: (text) => this.host.log.append(this.session.id, 'system', { text }),
      }),
    };
  }

  private onExit(
    exit: { code: number | null; signal: NodeJS.Signals | null; spawnError: string | null },
    epoch: number,
  ) {
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
    this.epoch++;
    this.clearIdleTimer();
    this.closeTurnClock();
    this.host.admission.withdraw(this.session.id);
    const agent = this.detach();
    const s = this.session;
    s.status = 'ERROR';
    s.errorKind = kind;
    s.statusReason = reason;
    if (kind !== 'NOT_SIGNED_IN') s.loginHint = null;
    s.process = { state: 'none', pid: null, queuePosition: null };
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

  private armWallBudget(epoch: number): NodeJS.Timeout | null {
    const limit = this.host.settings().sessionBudget.wallTimeMs;
    if (limit === null) return null;
    const remaining = Math.max(0, limit - this.session.runningMs);
    return setTimeout(() => {
      if (epoch !== this.epoch) return;
      this.cancel();
      this.fail('BUDGET', wallTimeProblem(limit), epoch);
    }, remaining);
  }

  private armIdleTimer(): void {
    this.clearIdleTimer();
    const after = this.host.settings().idleHibernateMs;
    if (after === null || !this.session.canResume) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.agent && !this.busy && this.session.status === 'IDLE') void this.stop('hibernate');
    }, after);
  }

  private clearIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private requireLive(): LiveAgent {
    if (!this.agent || !this.session.agentSessionId)
      throw new RequestError(-32603, 'The agent is not running');
    return this.agent;
  }

  private detach(): LiveAgent | null {
    const agent = this.agent;
    this.agent = null;
    this.permissions.cancelAll();
    return agent;
  }

  private teardown(agent: LiveAgent | null): Promise<void> {
    if (!agent) return Promise.resolve();
    const done = (async () => {
      agent.connection.close();
      await Promise.all([agent.terminals.dispose(), agent.process.kill()]);
      agent.ticket.release();
      this.record.pid = null;
      this.record.pgid = null;
      if (!this.agent) this.save();
    })();
    this.teardowns.add(done);
    return done.finally(() => this.teardowns.delete(done));
  }

  private save(): void {
    this.session.updatedAt = Date.now();
    this.host.save(this.record);
  }
}
