/**
 * The kanban column is derived, never stored (DESIGN.md): one pure function of a workspace's status, its
 * sessions' statuses and the cached PR / CI / review facts. GitHub issues that have no workspace yet are
 * always in ISSUES; this function places workspaces.
 */

import type { SessionStatus } from '../contract/sessions';
import type { CiState, PrState, ReviewState, WorkspaceStatus } from '../contract/workspaces';

export const KANBAN_COLUMNS = ['ISSUES', 'WORKING', 'WAITING', 'DONE'] as const;
export type KanbanColumn = (typeof KANBAN_COLUMNS)[number];

export interface KanbanFacts {
  workspaceStatus: WorkspaceStatus;
  sessionStatuses: readonly SessionStatus[];
  prState?: PrState | null;
  ciState?: CiState | null;
  reviewState?: ReviewState | null;
}

/** Why a card sits where it does; the board shows it as the card's state line. */
export type KanbanReason =
  | 'PR_MERGED'
  | 'ARCHIVED'
  | 'PROVISIONING'
  | 'PROVISIONING_FAILED'
  | 'NEEDS_PERMISSION'
  | 'SESSION_ERROR'
  | 'SESSION_RUNNING'
  | 'CI_FAILED'
  | 'CHANGES_REQUESTED'
  | 'CI_RUNNING'
  | 'REVIEW_PENDING'
  | 'PR_CLOSED'
  | 'READY_TO_MERGE'
  | 'IDLE';

/** `null` column: the workspace is off the board (archived without a merged PR). */
export interface KanbanPlacement {
  column: Exclude<KanbanColumn, 'ISSUES'> | null;
  reason: KanbanReason;
}

const RUNNING: readonly SessionStatus[] = ['STARTING', 'RUNNING'];

/**
 * Order matters: a merged PR is done whatever else is true; a session that needs the user outranks one
 * that is still running (the user is the bottleneck); otherwise a running session means WORKING, and
 * everything else at rest waits for the user (idle agent, PR on review or CI).
 */
export function deriveKanbanColumn(facts: KanbanFacts): KanbanPlacement {
  const { workspaceStatus, sessionStatuses } = facts;
  if (facts.prState === 'MERGED') return { column: 'DONE', reason: 'PR_MERGED' };
  if (workspaceStatus === 'ARCHIVING' || workspaceStatus === 'ARCHIVED')
    return { column: null, reason: 'ARCHIVED' };
  if (workspaceStatus === 'NEW' || workspaceStatus === 'PROVISIONING') {
    return { column: 'WORKING', reason: 'PROVISIONING' };
  }
  if (workspaceStatus === 'FAILED') return { column: 'WAITING', reason: 'PROVISIONING_FAILED' };

  if (sessionStatuses.includes('AWAITING_PERMISSION'))
    return { column: 'WAITING', reason: 'NEEDS_PERMISSION' };
  if (sessionStatuses.includes('ERROR')) return { column: 'WAITING', reason: 'SESSION_ERROR' };
  if (sessionStatuses.some((s) => RUNNING.includes(s)))
    return { column: 'WORKING', reason: 'SESSION_RUNNING' };

  return { column: 'WAITING', reason: restingReason(facts) };
}

function restingReason(facts: KanbanFacts): KanbanReason {
  if (facts.prState === 'CLOSED') return 'PR_CLOSED';
  if (facts.prState !== 'OPEN' && facts.prState !== 'DRAFT') return 'IDLE';
  if (facts.ciState === 'FAILURE') return 'CI_FAILED';
  if (facts.reviewState === 'CHANGES_REQUESTED') return 'CHANGES_REQUESTED';
  if (facts.ciState === 'PENDING') return 'CI_RUNNING';
  if (facts.prState === 'DRAFT') return 'IDLE';
  if (facts.reviewState === 'APPROVED') return 'READY_TO_MERGE';
  if (facts.reviewState === 'REVIEW_REQUIRED') return 'REVIEW_PENDING';
  return 'IDLE';
}

/** Short human label for a reason, for card state lines and screen readers. */
export const KANBAN_REASON_LABEL: Record<KanbanReason, string> = {
  PR_MERGED: 'PR merged',
  ARCHIVED: 'Archived',
  PROVISIONING: 'Provisioning',
  PROVISIONING_FAILED: 'Setup failed',
  NEEDS_PERMISSION: 'Needs permission',
  SESSION_ERROR: 'Session error',
  SESSION_RUNNING: 'Agent working',
  CI_FAILED: 'CI failed',
  CHANGES_REQUESTED: 'Changes requested',
  CI_RUNNING: 'CI running',
  REVIEW_PENDING: 'Waiting for review',
  PR_CLOSED: 'PR closed',
  READY_TO_MERGE: 'Ready to merge',
  IDLE: 'Waiting for you',
};
