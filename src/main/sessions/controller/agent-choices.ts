import type { Session } from '../../../shared/contract/sessions';
import type { AgentConnection } from '../agent/agent-connection';
import { toConfigOptions } from '../agent/agent-offers';
import type { SessionProblem } from '../session-problems';

/** The user's choices among what the agent offers: asks the agent, then records its answer on the session. */
export async function setAgentMode(
  connection: AgentConnection,
  session: Session,
  modeId: string,
): Promise<void> {
  await connection.request('session/set_mode', { sessionId: session.agentSessionId as string, modeId });
  session.modes = { ...session.modes, currentModeId: modeId };
}

export async function setAgentConfigOption(
  connection: AgentConnection,
  session: Session,
  configId: string,
  value: string | boolean,
): Promise<void> {
  const sessionId = session.agentSessionId as string;
  const res = await connection.request(
    'session/set_config_option',
    typeof value === 'boolean'
      ? { sessionId, configId, type: 'boolean', value }
      : { sessionId, configId, value },
  );
  session.configOptions = toConfigOptions(res.configOptions);
}

/** Why the agent cannot take this mode or option (it does not offer it), or null. */
export function unofferedChoice(
  session: Session,
  choice: { modeId: string } | { configId: string },
): SessionProblem | null {
  if ('modeId' in choice) {
    if (session.modes.available.some((m) => m.id === choice.modeId)) return null;
    return { code: 'INVALID', field: 'modeId', reason: `The agent offers no mode "${choice.modeId}"` };
  }
  if (session.configOptions.some((o) => o.id === choice.configId)) return null;
  return { code: 'INVALID', field: 'configId', reason: `The agent offers no option "${choice.configId}"` };
}
