import { RequestError, type StopReason } from '@agentclientprotocol/sdk';
import type { TurnEndCause } from '../../../shared/contract/sessions';
import { codeOf, errorText } from '../agent/agent-errors';
import type { AgentProcess } from '../agent/agent-process';

/** How long a prompt cut off by a closed connection waits for the agent's exit to explain it. */
const EXIT_GRACE_MS = 2000;

/** What happened during a turn that its stop reason does not say. */
export interface TurnWitness {
  /** The user pressed Stop (sessions.cancel) while the turn ran. */
  stoppedByUser: boolean;
  /** Title of the last tool whose permission the user declined in this turn. */
  declined: string | null;
}

export function freshWitness(): TurnWitness {
  return { stoppedByUser: false, declined: null };
}

/** The `status` log entry that ends a turn (see the sessions contract's SessionLogEntry). */
export interface TurnEndEntry {
  status: 'IDLE' | 'STOPPED';
  stopReason: StopReason | null;
  cause: TurnEndCause;
  declined?: string;
  message?: string;
  code?: number | string | null;
}

const BY_REASON: Partial<Record<StopReason, TurnEndCause>> = {
  end_turn: 'completed',
  refusal: 'refusal',
  max_tokens: 'max_tokens',
  max_turn_requests: 'max_turn_requests',
};

/**
 * Why a turn ended. ACP says only `cancelled` both when the user pressed Stop and when the agent gave up
 * after a declined permission (codex ends the turn `cancelled` on a reject), so the witness tells them apart.
 */
export function turnEnd(stopReason: StopReason, seen: TurnWitness): TurnEndEntry {
  if (stopReason !== 'cancelled')
    return { status: 'IDLE', stopReason, cause: BY_REASON[stopReason] ?? 'other' };
  if (seen.stoppedByUser) return { status: 'IDLE', stopReason, cause: 'stopped_by_user' };
  if (seen.declined !== null)
    return { status: 'IDLE', stopReason, cause: 'permission_declined', declined: seen.declined };
  return { status: 'IDLE', stopReason, cause: 'cancelled' };
}

/** A turn whose prompt request failed: the agent is still there, the session stays usable. */
export function turnFailed(error: unknown): TurnEndEntry {
  return {
    status: 'IDLE',
    stopReason: null,
    cause: 'agent_error',
    message: errorText(error),
    code: codeOf(error),
  };
}

/**
 * A prompt that failed without an answer from the agent (its connection closed) because the agent died: its
 * exit fails the session with the reason, and the turn has no end of its own to tell.
 */
export async function cutOffByExit(error: unknown, agent: AgentProcess): Promise<boolean> {
  return !(error instanceof RequestError) && (await agent.exitedWithin(EXIT_GRACE_MS));
}

/** A turn cut short because its agent was stopped. */
export const TURN_STOPPED: TurnEndEntry = { status: 'STOPPED', stopReason: null, cause: 'agent_stopped' };

/** The transcript line for updates the agent sent that were not valid ACP (dropped), or null when none were. */
export function droppedUpdatesNote(dropped: number): { text: string } | null {
  return dropped > 0
    ? { text: `${dropped} update(s) from the agent were not valid ACP and were dropped.` }
    : null;
}
