import type { SessionStatus } from '../../../shared/contract/sessions';
import type { SessionLogWriter } from '../session-log-writer';
import type { SessionRecord } from '../sessions-repository';

const ACTIVE: SessionStatus[] = ['STARTING', 'IDLE', 'RUNNING', 'AWAITING_PERMISSION'];

/**
 * Brings a stored session back after a restart of the core: an active one whose agent can resume becomes
 * IDLE (resumed on the next prompt), another read-only STOPPED. Says whether the record needs saving.
 */
export function recoverSession(record: SessionRecord, log: SessionLogWriter): boolean {
  const s = record.session;
  record.pid = null;
  record.pgid = null;
  if (!ACTIVE.includes(s.status)) return false;
  if (s.status === 'RUNNING' || s.status === 'AWAITING_PERMISSION') {
    log.append(s.id, 'system', {
      text: 'The running turn was interrupted when Factory Factory stopped.',
    });
  }
  if (!s.agentSessionId || s.canResume) {
    s.status = 'IDLE';
    s.process = { state: s.agentSessionId ? 'hibernated' : 'none', pid: null, queuePosition: null };
  } else {
    s.status = 'STOPPED';
    s.readOnly = true;
    s.statusReason = 'This agent cannot resume a conversation after a restart';
  }
  return true;
}
