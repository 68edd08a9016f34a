import { type AgentCapabilities, PROTOCOL_VERSION } from '@agentclientprotocol/sdk';
import type { ProcessTracker } from '../../processes/process-registry';
import { AgentConnection, type ClientHandlers } from './agent-connection';
import { errorText, isAuthError } from './agent-errors';
import { AgentProcess } from './agent-process';
import { AgentTerminals } from './agent-terminals';

export interface LaunchedAgent {
  process: AgentProcess;
  connection: AgentConnection;
  terminals: AgentTerminals;
}

/**
 * Spawns an agent (own process group, in `cwd`) and opens its ACP client connection. The agent's group and
 * those of its terminals are recorded with `processes` while they run.
 */
export function launchAgent(input: {
  sessionId: string;
  processes: ProcessTracker;
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  /** The environment of the agent's `terminal/*` commands (they run outside its sandbox, as the user's). */
  terminalEnv?: Record<string, string>;
  replyTimeoutMs: number;
  handlers(terminals: AgentTerminals): ClientHandlers;
  onGarbage(line: string): void;
  onExit: ConstructorParameters<typeof AgentProcess>[3]['onExit'];
  onHang(): void;
  onBroken(reason: string): void;
}): LaunchedAgent {
  let connection: AgentConnection | null = null;
  let untrack = () => {};
  const agentProcess = new AgentProcess(
    input.command,
    input.args,
    { cwd: input.cwd, env: input.env },
    {
      onActivity: () => connection?.activity(),
      onGarbage: input.onGarbage,
      onExit: (exit) => {
        untrack();
        input.onExit(exit);
      },
    },
  );
  untrack = input.processes.track({
    kind: 'agent',
    ownerId: input.sessionId,
    pid: agentProcess.pid ?? undefined,
  });
  const terminals = new AgentTerminals(input.terminalEnv ?? input.env, input.processes, input.sessionId);
  connection = new AgentConnection(agentProcess, input.handlers(terminals), {
    replyTimeoutMs: input.replyTimeoutMs,
    onHang: input.onHang,
    onBroken: input.onBroken,
  });
  return { process: agentProcess, connection, terminals };
}

/** `initialize`, advertising fs and terminal support; returns the agent's capabilities. */
export async function initializeAgent(
  connection: AgentConnection,
  clientVersion: string,
): Promise<AgentCapabilities> {
  const init = await connection.request('initialize', {
    protocolVersion: PROTOCOL_VERSION,
    clientCapabilities: { fs: { readTextFile: true, writeTextFile: true }, terminal: true },
    clientInfo: { name: 'factory-factory', version: clientVersion },
  });
  return init.agentCapabilities ?? {};
}

type Offers = { modes?: unknown; configOptions?: unknown };

/**
 * Brings back the previous conversation with session/resume (no replay) or session/load (the caller
 * suppresses the replay: the log has it), or opens a new one with session/new.
 */
export async function openConversation(
  connection: AgentConnection,
  input: {
    caps: AgentCapabilities;
    cwd: string;
    previous: string | null;
    note(text: string): void;
    setReplaying(replaying: boolean): void;
    stillCurrent(): boolean;
  },
): Promise<{ sessionId: string; offers: Offers }> {
  const { caps, cwd, previous } = input;
  const canResume = Boolean(caps.loadSession) || Boolean(caps.sessionCapabilities?.resume);
  if (previous && canResume) {
    const useResume = Boolean(caps.sessionCapabilities?.resume);
    try {
      input.setReplaying(!useResume);
      const res = useResume
        ? await connection.request('session/resume', { sessionId: previous, cwd, mcpServers: [] })
        : await connection.request('session/load', { sessionId: previous, cwd, mcpServers: [] });
      input.note(`Resumed the conversation (${useResume ? 'session/resume' : 'session/load'}).`);
      return { sessionId: previous, offers: res ?? {} };
    } catch (error) {
      if (!input.stillCurrent() || isAuthError(error)) throw error;
      input.note(`Could not resume the conversation (${errorText(error)}); started a new one.`);
    } finally {
      input.setReplaying(false);
    }
  } else if (previous) {
    input.note('This agent cannot resume a conversation; started a new one.');
  }
  const res = await connection.request('session/new', { cwd, mcpServers: [] });
  return { sessionId: res.sessionId, offers: res };
}
