import type { DomainEvent } from '../../shared/contract/events';
import type { PermissionPreset, Session } from '../../shared/contract/sessions';
import { err, ok, type Result } from '../../shared/lib/result';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import { problemMessage } from '../problem-messages';
import type { Problem } from '../rpc-errors';
import type { SessionProblem, SessionsService } from '../sessions/sessions-service';

/** How an automation's prompt reaches an agent. */
export interface Delivery {
  workspaceId: string;
  text: string;
  /** `current`: the given session, else the workspace's latest active one, else a new one. */
  session: 'current' | 'new';
  sessionId?: string;
  /** For a new session: the first of these that is set, then the workspace's latest session's, then any available. */
  providers: Array<string | null | undefined>;
  title: string;
  preset?: PermissionPreset;
  /** A mode to switch the agent to before the prompt (when the agent offers it). */
  mode?: string;
  /** Automation nobody is waiting on (schedules): agent starts queue behind the foreground ones. */
  background?: boolean;
}

export interface DeliveryDeps {
  sessions: SessionsService;
  events: EventBus;
  logger: Logger;
}

/** True when a session can take a prompt now or after its agent starts. */
export function isActive(s: Session): boolean {
  return !s.readOnly && s.status !== 'ERROR' && s.status !== 'STOPPED';
}

/** The workspace's most recently active session that can take a prompt. */
export function latestActiveSession(sessions: Session[]): Session | null {
  const active = sessions.filter(isActive);
  active.sort((a, b) => (b.lastActivityAt ?? b.createdAt) - (a.lastActivityAt ?? a.createdAt));
  return active[0] ?? null;
}

/**
 * Sends `text` to the session a delivery names, or starts a new one with it. With a mode, the prompt waits
 * until the agent is up and has switched (a mode the agent does not offer is skipped, and logged).
 */
export function deliver(
  deps: DeliveryDeps,
  d: Delivery,
): Result<{ sessionId: string; newSession: boolean }, SessionProblem> {
  const existing = deps.sessions.list(d.workspaceId);
  if (d.session === 'current') {
    const target = d.sessionId ? existing.find((s) => s.id === d.sessionId) : latestActiveSession(existing);
    if (d.sessionId && !target) return err({ code: 'NOT_FOUND', entity: 'session', id: d.sessionId });
    if (target) {
      const send = () =>
        deps.sessions.prompt(target.id, d.text, [], d.background ? 'background' : 'foreground');
      if (d.mode && target.modes.currentModeId !== d.mode && target.process.state === 'live') {
        void switchMode(deps, target.id, d.mode).then(() => reportSend(deps, target.id, send()));
        return ok({ sessionId: target.id, newSession: false });
      }
      const sent = send();
      return sent.ok ? ok({ sessionId: target.id, newSession: false }) : sent;
    }
  }
  const available = deps.sessions.providers().filter((p) => p.available);
  const latest = [...existing].sort((a, b) => b.createdAt - a.createdAt)[0];
  const provider = d.providers.find((p): p is string => !!p) ?? latest?.provider ?? available[0]?.id ?? null;
  if (!provider) {
    return err({
      code: 'AGENT_UNAVAILABLE',
      provider: '(none)',
      reason: 'No agent is installed or configured',
    });
  }
  const created = deps.sessions.create({
    workspaceId: d.workspaceId,
    provider,
    title: d.title,
    permissionPreset: d.preset,
    background: d.background,
    ...(d.mode ? {} : { prompt: d.text }),
  });
  if (!created.ok) return created;
  const id = created.value.id;
  if (d.mode) {
    const mode = d.mode;
    void whenReady(deps.events, deps.sessions, id).then(async (ready) => {
      if (!ready) return;
      await switchMode(deps, id, mode);
      reportSend(deps, id, deps.sessions.prompt(id, d.text));
    });
  }
  return ok({ sessionId: id, newSession: true });
}

async function switchMode(deps: DeliveryDeps, sessionId: string, mode: string): Promise<void> {
  const set = await deps.sessions.setMode(sessionId, mode);
  if (!set.ok) deps.logger.warn(`Session ${sessionId}: mode ${mode} not set (${set.error.code})`);
}

function reportSend(deps: DeliveryDeps, sessionId: string, sent: Result<unknown, SessionProblem>): void {
  if (!sent.ok) deps.logger.warn(`Session ${sessionId}: automation prompt not sent (${sent.error.code})`);
}

/** Resolves true once the session's agent is live and idle, false if it fails or goes away first. */
export function whenReady(events: EventBus, sessions: SessionsService, sessionId: string): Promise<boolean> {
  const settled = (s: Session | null): boolean | null => {
    if (!s || s.status === 'ERROR' || s.status === 'STOPPED') return false;
    return s.status === 'IDLE' && s.process.state === 'live' ? true : null;
  };
  const now = settled(sessions.get(sessionId));
  if (now !== null) return Promise.resolve(now);
  return new Promise((resolve) => {
    const off = events.on((e: DomainEvent) => {
      const s =
        e.type === 'session.changed' && e.session.id === sessionId
          ? settled(e.session)
          : e.type === 'session.removed' && e.sessionId === sessionId
            ? false
            : null;
      if (s === null) return;
      off();
      resolve(s);
    });
  });
}

/** A problem in words, for a loop's or a schedule's recorded reason. */
export function problemText(problem: Problem): string {
  if (problem.code === 'NOT_FOUND') return `The ${problem.entity} ${problem.id} was not found`;
  return problemMessage(problem) ?? problem.code;
}
