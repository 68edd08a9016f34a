import type { SessionStatus } from '../../../shared/contract/sessions';
import type { Logger } from '../../logging/logger';
import { groupCarriesEnv } from '../../processes/process-identity';
import { terminateProcess } from '../../processes/process-terminator';
import type { SessionLogWriter } from '../session-log-writer';
import type { SessionRecord, SessionsRepository } from '../sessions-repository';

const ACTIVE: SessionStatus[] = ['STARTING', 'IDLE', 'RUNNING', 'AWAITING_PERMISSION'];

/** Kills the agent process groups a crashed core left behind (only groups still tagged with their session). */
export async function reapOrphanedAgents(repo: SessionsRepository, logger: Logger): Promise<void> {
  for (const orphan of repo.withRecordedProcess()) {
    if (groupCarriesEnv(orphan.pgid, 'FF_SESSION_ID', orphan.id)) {
      logger.warn(`Reaping agent process group ${orphan.pgid} left by session ${orphan.id}`);
      await terminateProcess({ pid: orphan.pgid });
    }
    repo.clearProcess(orphan.id);
  }
}

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
