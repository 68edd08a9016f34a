import type { Session } from '../../../shared/contract/sessions';
import type { AgentConnection } from '../agent/agent-connection';
import { toConfigOptions } from '../agent/agent-offers';

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
