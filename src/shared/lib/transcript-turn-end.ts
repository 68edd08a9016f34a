import type { NoticeItem } from './transcript-items';

/**
 * How a turn's end reads, by its recorded cause (see the sessions contract's TurnEndCause); entries written
 * before causes were recorded are worded by their stop reason; `reason` is the entry's text (an agent error's
 * message). Null when the entry does not end a turn.
 */
export function turnEndOf(
  p: Record<string, unknown>,
  reason: string,
): { text: string | null; severity: NoticeItem['severity'] } | null {
  const cause = typeof p.cause === 'string' ? p.cause : null;
  const stopReason = typeof p.stopReason === 'string' ? p.stopReason : null;
  if (cause === null && stopReason === null) return null;
  const info = (text: string | null) => ({ text, severity: 'info' as const });
  const warning = (text: string) => ({ text, severity: 'warning' as const });
  switch (cause ?? stopReason) {
    case 'completed':
    case 'end_turn':
      return info(null);
    case 'stopped_by_user':
      return info('You stopped the turn.');
    case 'permission_declined':
      return info(
        typeof p.declined === 'string'
          ? `Stopped after you declined “${p.declined}”.`
          : 'Stopped after you declined.',
      );
    case 'cancelled':
      return info(cause ? 'The agent cancelled the turn.' : 'The turn was cancelled.');
    case 'agent_error':
      return { text: `The agent failed: ${reason || 'no reason given.'}`, severity: 'error' };
    case 'agent_stopped':
      return info('The agent was stopped before the turn ended.');
    case 'max_tokens':
      return warning('The agent hit its token limit.');
    case 'max_turn_requests':
      return warning('The agent hit its request limit for this turn.');
    case 'refusal':
      return warning('The agent refused to continue.');
    // An `error` entry (before causes were recorded) already said what failed.
    case 'error':
      return info(null);
    default:
      return warning(`Turn ended: ${stopReason ?? cause}`);
  }
}
