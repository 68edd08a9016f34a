import { randomUUID } from 'node:crypto';
import type {
  AgentProvider,
  PermissionDecisionKind,
  PermissionPreset,
  QueuedPrompt,
  Session,
  SessionLogEntry,
} from '../../shared/contract/sessions';
import type { AppSettings } from '../../shared/contract/settings';
import { err, ok, type Result } from '../../shared/lib/result';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import type { ProcessTracker } from '../processes/process-registry';
import type { AgentSandbox } from '../sandbox/agent-sandbox';
import type { Db } from '../store/database';
import { listProviders, resolveProvider } from './agent/providers';
import { Admission, defaultStartingLimit, type StartKind } from './controller/admission';
import { unofferedChoice } from './controller/agent-choices';
import { SessionController } from './controller/session-controller';
import type { SessionHost } from './controller/session-host';
import { recoverSession } from './controller/session-recovery';
import { summarizeTranscript } from './controller/session-summary';
import { SessionLogWriter } from './session-log-writer';
import { inactiveProblem, mentionProblem, type SessionProblem } from './session-problems';
import { type SessionRecord, SessionsRepository } from './sessions-repository';

export interface SessionWorkspace {
  worktreePath: string;
  projectId: string;
  env: Record<string, string>;
}

export interface SessionsServiceDeps {
  db: Db;
  events: EventBus;
  logger: Logger;
  /** Records the groups of the agents and agent terminals it starts, so a crashed core leaves none running. */
  processes: ProcessTracker;
  settings(): AppSettings;
  workspace(id: string): SessionWorkspace | null;
  /** Records workspace activity when a turn ends. */
  touchWorkspace?(id: string): void;
  clientVersion: string;
  /** Confines agent processes (see src/main/sandbox). */
  sandbox: AgentSandbox;
}

/**
 * Agent sessions: the public face of the ACP supervisor. Each session has one controller; all share the
 * log writer and the running-agent admission queue.
 */
export class SessionsService {
  private readonly repo: SessionsRepository;
  private readonly log: SessionLogWriter;
  private readonly admission: Admission;
  private readonly controllers = new Map<string, SessionController>();
  private readonly host: SessionHost;
  private disposed = false;
  private readonly stopWatchingSettings: () => void;

  constructor(private readonly deps: SessionsServiceDeps) {
    this.repo = new SessionsRepository(deps.db);
    this.log = new SessionLogWriter(deps.db, deps.events, deps.logger);
    this.admission = new Admission(
      {
        running: () => deps.settings().maxRunningAgents,
        starting: () => deps.settings().maxStartingAgents ?? defaultStartingLimit(),
      },
      (forId) => this.hibernateOne(forId),
    );
    this.host = {
      log: this.log,
      logger: deps.logger,
      admission: this.admission,
      processes: deps.processes,
      clientVersion: deps.clientVersion,
      sandbox: deps.sandbox,
      settings: deps.settings,
      workspace: deps.workspace,
      turnEnded: (workspaceId) => deps.touchWorkspace?.(workspaceId),
      save: (record) => {
        // A deleted session's controller may still settle something late: it must not come back.
        if (this.disposed || !this.controllers.has(record.session.id)) return;
        this.repo.save(record);
        this.deps.events.publish({ type: 'session.changed', session: structuredClone(record.session) });
      },
    };
    this.stopWatchingSettings = deps.events.on((event) => {
      if (event.type === 'settings.changed') this.settingsChanged();
    });
  }

  /**
   * Brings stored sessions back (the core has ended the agent groups a crashed core left behind before
   * this): those whose agent can resume become IDLE (resumed on the next prompt), the others read-only.
   */
  async start(): Promise<void> {
    this.repo.clearProcesses();
    for (const record of this.repo.list()) {
      if (recoverSession(record, this.log)) this.repo.save(record);
      this.controllers.set(record.session.id, new SessionController(record, this.host));
    }
    this.log.flush();
  }

  providers(): AgentProvider[] {
    return listProviders(this.deps.settings().providers);
  }

  list(workspaceId?: string): Session[] {
    return [...this.controllers.values()]
      .map((c) => c.session)
      .filter((s) => !workspaceId || s.workspaceId === workspaceId)
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((s) => structuredClone(s));
  }

  get(id: string): Session | null {
    const c = this.controllers.get(id);
    return c ? structuredClone(c.session) : null;
  }

  create(input: {
    workspaceId: string;
    provider: string;
    title?: string;
    permissionPreset?: PermissionPreset;
    prompt?: string;
    carryOver?: string;
    /** Started by automation (a schedule, Ratchet): its agent's starts wait behind the ones a person waits for. */
    background?: boolean;
  }): Result<Session, SessionProblem> {
    const settings = this.deps.settings();
    if (!this.deps.workspace(input.workspaceId)) {
      return err({ code: 'NOT_FOUND', entity: 'workspace', id: input.workspaceId });
    }
    const provider = resolveProvider(input.provider, settings.providers);
    if (!provider.ok)
      return err({ code: 'AGENT_UNAVAILABLE', provider: input.provider, reason: provider.error });
    const record = this.repo.insert({
      id: randomUUID(),
      workspaceId: input.workspaceId,
      title: input.title ?? `${provider.value.id} session`,
      provider: input.provider,
      permissionPreset: input.permissionPreset ?? settings.defaultPermissionPreset,
      runtime: { carryOver: input.carryOver ?? null },
    });
    const controller = new SessionController(record, this.host);
    if (input.background) controller.startPriority = 'background';
    this.controllers.set(record.session.id, controller);
    this.host.save(record);
    if (input.prompt) controller.enqueue(input.prompt, []);
    else void controller.ensureStarted(controller.startPriority);
    return ok(structuredClone(controller.session));
  }

  prompt(
    id: string,
    text: string,
    mentions: string[] = [],
    priority: Exclude<StartKind, 'wake'> = 'foreground',
  ): Result<{ queued: boolean; queuedId: string | null }, SessionProblem> {
    const c = this.controllers.get(id);
    if (!c) return err({ code: 'NOT_FOUND', entity: 'session', id });
    if (priority === 'background') c.startPriority = 'background';
    const inactive = inactiveProblem(c.session);
    if (inactive) return err(inactive);
    const bad = this.badMention(c.session.workspaceId, mentions);
    if (bad) return err(bad);
    return ok(c.enqueue(text, mentions));
  }

  /** The user shows intent to use the session: a hibernated agent starts coming back (`sessions.wake`). */
  wake(id: string): Result<{ waking: boolean }, SessionProblem> {
    const c = this.controllers.get(id);
    if (!c) return err({ code: 'NOT_FOUND', entity: 'session', id });
    const inactive = inactiveProblem(c.session);
    return inactive ? err(inactive) : ok({ waking: c.wake() });
  }

  /** Adds a line from the app to a session's transcript (an automation's progress), stored before it is shown. */
  note(id: string, text: string): void {
    if (!this.controllers.has(id)) return;
    this.log.append(id, 'system', { text });
    this.log.flush();
  }

  cancel(id: string): Result<Session, SessionProblem> {
    return this.withController(id, (c) => c.cancelByUser());
  }

  resumeQueue(id: string): Result<Session, SessionProblem> {
    return this.withController(id, (c) => c.resumeQueue());
  }

  async stop(id: string): Promise<Result<Session, SessionProblem>> {
    const c = this.controllers.get(id);
    if (!c) return err({ code: 'NOT_FOUND', entity: 'session', id });
    await c.stop();
    return ok(structuredClone(c.session));
  }

  /** Stops the session's agent (when one runs), then removes the session and its log; publishes `session.removed`. */
  async delete(id: string): Promise<Result<{ sessionId: string }, SessionProblem>> {
    const c = this.controllers.get(id);
    if (!c) return err({ code: 'NOT_FOUND', entity: 'session', id });
    this.controllers.delete(id);
    await c.dispose();
    this.log.forget(id);
    this.repo.remove(id);
    this.deps.logger.info(`Session ${id}: deleted`);
    this.deps.events.publish({ type: 'session.removed', sessionId: id, workspaceId: c.session.workspaceId });
    return ok({ sessionId: id });
  }

  restart(id: string): Result<Session, SessionProblem> {
    const c = this.controllers.get(id);
    if (!c) return err({ code: 'NOT_FOUND', entity: 'session', id });
    const s = c.session;
    if (s.readOnly)
      return err({ code: 'SESSION_NOT_ACTIVE', status: s.status, reason: s.statusReason, readOnly: true });
    if (s.status !== 'ERROR' && s.status !== 'STOPPED') {
      return err({
        code: 'CONFLICT',
        reason: `The session is ${s.status}; only a stopped or failed session restarts`,
      });
    }
    void c.restart();
    return ok(structuredClone(c.session));
  }

  async setMode(id: string, modeId: string): Promise<Result<Session, SessionProblem>> {
    return this.agentCall(id, { modeId }, (c) => c.setMode(modeId));
  }

  async setConfigOption(
    id: string,
    configId: string,
    value: string | boolean,
  ): Promise<Result<Session, SessionProblem>> {
    return this.agentCall(id, { configId }, (c) => c.setConfigOption(configId, value));
  }

  async setPreset(id: string, preset: PermissionPreset): Promise<Result<Session, SessionProblem>> {
    const c = this.controllers.get(id);
    if (!c) return err({ code: 'NOT_FOUND', entity: 'session', id });
    c.session.permissionPreset = preset;
    await c
      .applyPreset()
      .catch((error) => this.deps.logger.warn(`Session ${id}: preset mode not applied`, error));
    return ok(structuredClone(c.session));
  }

  answerPermission(
    id: string,
    requestId: string,
    decision: PermissionDecisionKind,
  ): Result<Session, SessionProblem> {
    const c = this.controllers.get(id);
    if (!c) return err({ code: 'NOT_FOUND', entity: 'session', id });
    if (!c.permissions.answer(requestId, decision))
      return err({ code: 'NOT_FOUND', entity: 'permission request', id: requestId });
    return ok(structuredClone(c.session));
  }

  logPage(
    id: string,
    afterSeq = 0,
    limit = 500,
  ): Result<{ entries: SessionLogEntry[]; lastSeq: number; hasMore: boolean }, SessionProblem> {
    if (!this.controllers.has(id)) return err({ code: 'NOT_FOUND', entity: 'session', id });
    const page = this.log.page(id, afterSeq, limit);
    return ok({ ...page, lastSeq: this.log.lastSeqOf(id) });
  }

  logTurns(
    id: string,
    beforeSeq: number | undefined,
    minEntries = 100,
  ): Result<{ entries: SessionLogEntry[]; lastSeq: number; hasOlder: boolean }, SessionProblem> {
    if (!this.controllers.has(id)) return err({ code: 'NOT_FOUND', entity: 'session', id });
    const page = this.log.turnsBefore(id, beforeSeq ?? null, minEntries);
    return ok({ ...page, lastSeq: this.log.lastSeqOf(id) });
  }

  listQueue(id: string): Result<QueuedPrompt[], SessionProblem> {
    const c = this.controllers.get(id);
    return c ? ok(structuredClone(c.session.queue)) : err({ code: 'NOT_FOUND', entity: 'session', id });
  }

  updateQueued(
    id: string,
    queuedId: string,
    text: string,
    mentions?: string[],
  ): Result<Session, SessionProblem> {
    const c = this.controllers.get(id);
    if (!c) return err({ code: 'NOT_FOUND', entity: 'session', id });
    const item = c.session.queue.find((q) => q.id === queuedId);
    if (!item) return err({ code: 'NOT_FOUND', entity: 'queued prompt', id: queuedId });
    const bad = mentions ? this.badMention(c.session.workspaceId, mentions) : null;
    if (bad) return err(bad);
    item.text = text;
    if (mentions) item.mentions = mentions;
    this.host.save(c.record);
    return ok(structuredClone(c.session));
  }

  removeQueued(id: string, queuedId: string): Result<Session, SessionProblem> {
    const c = this.controllers.get(id);
    if (!c) return err({ code: 'NOT_FOUND', entity: 'session', id });
    if (!c.removeQueued(queuedId)) return err({ code: 'NOT_FOUND', entity: 'queued prompt', id: queuedId });
    return ok(structuredClone(c.session));
  }

  /** A new session in the same workspace whose first prompt carries a summary of this one. */
  continueInNew(id: string, text?: string): Result<Session, SessionProblem> {
    const c = this.controllers.get(id);
    if (!c) return err({ code: 'NOT_FOUND', entity: 'session', id });
    const entries = this.log.page(id, 0, 100_000).entries;
    return this.create({
      workspaceId: c.session.workspaceId,
      provider: c.session.provider,
      title: `${c.session.title} (continued)`,
      permissionPreset: c.session.permissionPreset,
      carryOver: summarizeTranscript(entries, c.session.title),
      ...(text ? { prompt: text } : {}),
    });
  }

  /** Stops every session of a workspace (its process groups die); registered as a workspaces onArchive hook. */
  async stopWorkspace(workspaceId: string): Promise<void> {
    const inWorkspace = [...this.controllers.values()].filter((c) => c.session.workspaceId === workspaceId);
    await Promise.all(inWorkspace.filter((c) => c.live || c.busy).map((c) => c.stop()));
  }

  /** Flushes the log and kills every agent process group. */
  async dispose(): Promise<void> {
    this.stopWatchingSettings();
    this.log.flush();
    await Promise.all([...this.controllers.values()].map((c) => c.dispose()));
    this.disposed = true;
    this.log.dispose();
  }

  /** New limits apply now: to the admission cap and to the clocks of sessions already idle or running. */
  private settingsChanged(): void {
    this.admission.capChanged();
    for (const c of this.controllers.values()) c.settingsChanged();
  }

  private badMention(workspaceId: string, mentions: string[]): SessionProblem | null {
    if (mentions.length === 0) return null;
    return mentionProblem(workspaceId, this.deps.workspace(workspaceId)?.worktreePath, mentions);
  }

  private withController(id: string, fn: (c: SessionController) => void): Result<Session, SessionProblem> {
    const c = this.controllers.get(id);
    if (!c) return err({ code: 'NOT_FOUND', entity: 'session', id });
    fn(c);
    return ok(structuredClone(c.session));
  }

  private async agentCall(
    id: string,
    choice: { modeId: string } | { configId: string },
    act: (c: SessionController) => Promise<void>,
  ): Promise<Result<Session, SessionProblem>> {
    const c = this.controllers.get(id);
    if (!c) return err({ code: 'NOT_FOUND', entity: 'session', id });
    if (!c.live)
      return err({ code: 'CONFLICT', reason: 'The agent is not running; send a prompt or restart it first' });
    const problem = unofferedChoice(c.session, choice);
    if (problem) return err(problem);
    try {
      await act(c);
    } catch (error) {
      return err({ code: 'CONFLICT', reason: `The agent refused: ${(error as Error).message}` });
    }
    return ok(structuredClone(c.session));
  }

  /** Frees a running-agent slot by hibernating the least recently active idle agent that can resume. */
  private hibernateOne(forId: string): boolean {
    const candidates = [...this.controllers.values()]
      .filter(
        (c) =>
          c.session.id !== forId && c.live && !c.busy && c.session.status === 'IDLE' && c.session.canResume,
      )
      .sort((a, b) => (a.session.lastActivityAt ?? 0) - (b.session.lastActivityAt ?? 0));
    const victim = candidates[0];
    if (!victim) return false;
    void victim.stop('hibernate');
    return true;
  }
}

export type { SessionProblem, SessionRecord };
