import type { Session, SessionErrorKind } from '../../../shared/contract/sessions';
import type { Logger } from '../../logging/logger';
import { insideRoots } from '../../sandbox/policy';
import type { AgentConnection, ClientHandlers } from '../agent/agent-connection';
import { buildAgentEnv } from '../agent/agent-env';
import { errorText, isAuthError } from '../agent/agent-errors';
import { initializeAgent, launchAgent, openConversation } from '../agent/agent-launch';
import { modeForPreset, toConfigOptions, toModes } from '../agent/agent-offers';
import type { AgentTerminals } from '../agent/agent-terminals';
import { resolveProvider } from '../agent/providers';
import type { Reach } from '../client/fs-confinement';
import type { SessionRecord } from '../sessions-repository';
import type { StartKind } from './admission';
import type { LiveAgent, SessionHost } from './session-host';

/** What one start of a session's agent reports to, and asks of, its controller. */
export interface AgentStart {
  record: SessionRecord;
  host: SessionHost;
  /** Where this start queues for admission. */
  kind: StartKind;
  /** False once a stop, failure or newer start replaced this one: it then stops short. */
  current(): boolean;
  fail(kind: SessionErrorKind, reason: string): void;
  failFromError(error: unknown): void;
  onExit: Parameters<typeof launchAgent>[0]['onExit'];
  handlers(worktree: string, reach: Reach, terminals: AgentTerminals): ClientHandlers;
  /** The agent is spawned; from here the controller owns (and tears down) it. */
  attach(agent: LiveAgent): void;
  setReplaying(replaying: boolean): void;
  save(): void;
  /** The agent is live and the session IDLE. */
  ready(): void;
}

/**
 * Starts a session's agent: waits for a running-agent slot and a starting slot (freed once it is live), spawns
 * the provider's command in the worktree, initializes ACP, resumes (or opens) the conversation, applies the
 * agent's offers and the preset's mode. An IDLE session (a hibernated agent waking) stays IDLE meanwhile: its
 * process state says where the agent is, and the board does not show work that is not there.
 */
export async function startAgent(ctx: AgentStart): Promise<void> {
  const { record, host } = ctx;
  const s = record.session;
  const settings = host.settings();
  const workspace = host.workspace(s.workspaceId);
  if (!workspace) return ctx.fail('CRASHED', 'The workspace no longer exists');
  const provider = resolveProvider(s.provider, settings.providers);
  if (!provider.ok) return ctx.fail('CRASHED', provider.error);

  s.process = { state: 'waiting', pid: null, queuePosition: null };
  if (s.status !== 'IDLE') s.status = 'STARTING';
  ctx.save();
  const ticket = await host.admission.acquire(s.id, ctx.kind, (position) => {
    if (!ctx.current()) return;
    s.process = { ...s.process, queuePosition: position };
    ctx.save();
  });
  if (!ctx.current()) return ticket.release();

  const { env, secrets } = buildAgentEnv({
    source: process.env,
    providerKind: provider.value.kind,
    workspace: workspace.env,
    overrides: provider.value.env,
    extra: { FF_SESSION_ID: s.id },
  });
  for (const secret of secrets) host.logger.addSecret(secret);
  const prepared = host.sandbox.prepare({
    worktree: workspace.worktreePath,
    providerKind: provider.value.kind,
    provider: settings.providers[s.provider]?.sandbox,
    project: settings.sandboxProjects[workspace.projectId],
    command: provider.value.command,
    args: provider.value.args,
    env,
  });
  if (!prepared.ok) {
    ticket.release();
    return ctx.fail('CRASHED', prepared.error);
  }
  const launch = prepared.value;
  s.sandbox = launch.summary;
  const reach = insideRoots(launch.policy, workspace.worktreePath);
  const timeoutMs = settings.agentReplyTimeoutMs;
  const launched = launchAgent({
    sessionId: s.id,
    processes: host.processes,
    command: launch.command,
    args: launch.args,
    cwd: workspace.worktreePath,
    env: launch.env,
    terminalEnv: env,
    replyTimeoutMs: timeoutMs,
    handlers: (terminals) => ctx.handlers(workspace.worktreePath, reach, terminals),
    onGarbage: (line) =>
      ctx.fail('PROTOCOL', `The agent wrote something that is not ACP to stdout: ${JSON.stringify(line)}`),
    onExit: (exit) => {
      launch.dispose();
      ctx.onExit(exit);
    },
    onBroken: (reason) => ctx.fail('PROTOCOL', `The agent's output could not be read: ${reason}`),
    onHang: () => ctx.fail('HUNG', `The agent did not reply within ${Math.round(timeoutMs / 1000)} s`),
  });
  const { connection } = launched;
  const pid = launched.process.pid;
  ctx.attach({ ...launched, worktree: workspace.worktreePath, reach, ticket });
  record.pid = pid;
  record.pgid = pid;
  host.logger.info(
    `Session ${s.id}: started agent ${provider.value.command} (pid ${pid}, sandbox ${launch.summary.state}${launch.summary.state === 'on' ? ` ${launch.summary.mechanism}` : ''})`,
  );
  if (s.status !== 'IDLE') s.status = 'STARTING';
  s.process = { state: 'starting', pid, queuePosition: null };
  ctx.save();

  try {
    const caps = await initializeAgent(connection, host.clientVersion);
    if (!ctx.current()) return;
    record.capabilities = caps as Record<string, unknown>;
    s.canResume = Boolean(caps.loadSession) || Boolean(caps.sessionCapabilities?.resume);
    const opened = await openConversation(connection, {
      caps,
      cwd: workspace.worktreePath,
      previous: s.agentSessionId,
      note: (text) => host.log.append(s.id, 'system', { text }),
      setReplaying: ctx.setReplaying,
      stillCurrent: ctx.current,
    });
    if (!ctx.current()) return;
    const resumed = s.agentSessionId !== null && opened.sessionId === s.agentSessionId;
    host.logger.info(
      `Session ${s.id}: ${resumed ? 'resumed' : 'opened'} agent conversation ${opened.sessionId}`,
    );
    s.agentSessionId = opened.sessionId;
    applyOffers(s, opened.offers as Parameters<typeof applyOffers>[1]);
    const withheld = launch.withheldModes;
    if (withheld.length)
      s.modes = { ...s.modes, available: s.modes.available.filter((m) => !withheld.includes(m.id)) };
    await applyPresetMode(connection, s, host.logger, ctx.current);
    if (!ctx.current()) return;
    ticket.started();
    s.status = 'IDLE';
    s.statusReason = null;
    s.process = { state: 'live', pid, queuePosition: null };
    host.log.flush();
    ctx.save();
    ctx.ready();
  } catch (error) {
    ctx.failFromError(error);
  }
}

function applyOffers(
  session: Session,
  res: { modes?: Parameters<typeof toModes>[0]; configOptions?: Parameters<typeof toConfigOptions>[0] },
) {
  const modes = toModes(res.modes);
  if (modes) session.modes = modes;
  if (res.configOptions) session.configOptions = toConfigOptions(res.configOptions);
}

/** Switches the agent to the mode the session's permission preset maps to, if it offers one. */
export async function applyPresetMode(
  connection: AgentConnection,
  session: Session,
  logger: Logger,
  current: () => boolean,
): Promise<void> {
  const mode = modeForPreset(session.modes, session.permissionPreset);
  if (!mode || !current()) return;
  try {
    await connection.request('session/set_mode', {
      sessionId: session.agentSessionId as string,
      modeId: mode,
    });
    // Claude's adapters do not confirm with current_mode_update: record what we set.
    session.modes = { ...session.modes, currentModeId: mode };
  } catch (error) {
    if (isAuthError(error)) throw error;
    logger.warn(`Session ${session.id}: could not set mode ${mode}`, errorText(error));
  }
}
