import path from 'node:path';
import type { Session, SessionStatus } from '../../shared/contract/sessions';

export type SessionProblem =
  | { code: 'NOT_FOUND'; entity: string; id: string }
  | { code: 'INVALID'; field?: string; reason: string }
  | { code: 'CONFLICT'; reason: string }
  | { code: 'AGENT_UNAVAILABLE'; provider: string; reason: string }
  | { code: 'AGENT_NOT_SIGNED_IN'; provider: string; loginHint: string }
  | { code: 'SESSION_NOT_ACTIVE'; status: SessionStatus; reason: string | null; readOnly: boolean };

/** Why a session takes no prompt (not signed in, failed, stopped or read-only), or null when it does. */
export function inactiveProblem(s: Session): SessionProblem | null {
  if (s.status === 'ERROR' && s.errorKind === 'NOT_SIGNED_IN') {
    return {
      code: 'AGENT_NOT_SIGNED_IN',
      provider: s.provider,
      loginHint: s.loginHint ?? 'Sign in to the agent',
    };
  }
  if (s.status === 'ERROR' || s.status === 'STOPPED' || s.readOnly) {
    return { code: 'SESSION_NOT_ACTIVE', status: s.status, reason: s.statusReason, readOnly: s.readOnly };
  }
  return null;
}

/** The first @mention outside the workspace's worktree (`root`; undefined when the workspace is gone). */
export function mentionProblem(
  workspaceId: string,
  root: string | undefined,
  mentions: string[],
): SessionProblem | null {
  if (!root) return { code: 'NOT_FOUND', entity: 'workspace', id: workspaceId };
  for (const mention of mentions) {
    const rel = path.relative(root, path.resolve(root, mention));
    if (rel.startsWith('..') || path.isAbsolute(rel)) {
      return { code: 'INVALID', field: 'mentions', reason: `${mention} is outside the worktree` };
    }
  }
  return null;
}
