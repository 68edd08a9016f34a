import type { SessionNotification } from '@agentclientprotocol/sdk';
import type { Session } from '../../../shared/contract/sessions';
import type { AgentConnection } from '../agent/agent-connection';
import type { AgentTerminals } from '../agent/agent-terminals';
import { applyToSession } from '../controller/session-rules';
import type { PermissionBroker } from '../permissions/permission-broker';
import type { SessionLogWriter } from '../session-log-writer';
import { fsAndTerminalHandlers } from './client-methods';
import type { Reach } from './fs-confinement';

export interface SessionClientContext {
  session: Session;
  worktree: string;
  reach: Reach;
  terminals: AgentTerminals;
  permissions: PermissionBroker;
  log: SessionLogWriter;
  /** False for a replaced agent or while a loaded conversation replays (the log already has it). */
  listening(): boolean;
  /** The live agent's connection, whose hang watchdog pauses while we wait; null once it is gone. */
  connection(): AgentConnection | null;
  save(): void;
  /** A usage update arrived: the session may be over budget. */
  usageChanged(): void;
}

/** The ACP client side of one session's agent: updates, permission requests, fs and terminals. */
export function sessionClientHandlers(ctx: SessionClientContext) {
  const s = ctx.session;
  return {
    onUpdate: (n: SessionNotification) => {
      if (!ctx.listening()) return;
      if (s.agentSessionId && n.sessionId !== s.agentSessionId) return;
      const u = n.update;
      ctx.log.append(s.id, 'update', u);
      if (u.sessionUpdate === 'agent_message_chunk' || u.sessionUpdate === 'agent_thought_chunk') return;
      if (applyToSession(s, u)) ctx.save();
      if (u.sessionUpdate === 'usage_update') ctx.usageChanged();
    },
    'session/request_permission': ({
      params,
      signal,
    }: {
      params: Parameters<PermissionBroker['request']>[0];
      signal: AbortSignal;
    }) => {
      const answer = ctx.permissions.request(params, signal);
      const connection = ctx.connection();
      return connection ? connection.whileWeWait(answer) : answer;
    },
    ...fsAndTerminalHandlers({
      worktree: ctx.worktree,
      reach: ctx.reach,
      terminals: ctx.terminals,
      whileWeWait: (wait) => {
        const connection = ctx.connection();
        return connection ? connection.whileWeWait(wait) : wait;
      },
      refused: (text) => ctx.log.append(s.id, 'system', { text }),
    }),
  };
}
