/**
 * The Ratchet state is derived, never stored (DESIGN.md): one pure function of whether Ratchet is on for a
 * workspace and the facts of its pull request. The precedence, first match wins:
 * OFF → MERGED → IDLE (no open PR, or a draft) → MERGE_CONFLICT → CI_FAILED → CI_RUNNING → REVIEW_PENDING
 * → READY (or IDLE while GitHub still computes mergeability).
 * A conflict goes before a red check: CI of a branch that does not merge says little, and syncing with the
 * base (what a conflict asks for) is also the first step of a CI fix.
 */

export const RATCHET_STATES = [
  'OFF',
  'IDLE',
  'CI_RUNNING',
  'CI_FAILED',
  'MERGE_CONFLICT',
  'REVIEW_PENDING',
  'READY',
  'MERGED',
] as const;
export type RatchetState = (typeof RATCHET_STATES)[number];

export interface RatchetFacts {
  enabled: boolean;
  /** The PR's state, or null when the workspace has none. */
  prState: 'OPEN' | 'DRAFT' | 'CLOSED' | 'MERGED' | null;
  ci: 'NONE' | 'PENDING' | 'PASSING' | 'FAILING';
  mergeable: 'MERGEABLE' | 'CONFLICTING' | 'UNKNOWN';
  reviewDecision: 'APPROVED' | 'CHANGES_REQUESTED' | 'REVIEW_REQUIRED' | null;
  unresolvedThreads: number;
}

/** What more the state says (shown with it): why IDLE, and whether a review asks for changes or is awaited. */
export type RatchetDetail =
  | 'NONE'
  | 'NO_PR'
  | 'DRAFT'
  | 'CLOSED'
  | 'MERGEABILITY_UNKNOWN'
  | 'CHANGES_REQUESTED'
  | 'UNRESOLVED_THREADS'
  | 'AWAITING_REVIEW';

export interface RatchetPlacement {
  state: RatchetState;
  detail: RatchetDetail;
}

export function deriveRatchetState(f: RatchetFacts): RatchetPlacement {
  const at = (state: RatchetState, detail: RatchetDetail = 'NONE'): RatchetPlacement => ({ state, detail });
  if (!f.enabled) return at('OFF');
  if (f.prState === 'MERGED') return at('MERGED');
  if (f.prState === null) return at('IDLE', 'NO_PR');
  if (f.prState === 'CLOSED') return at('IDLE', 'CLOSED');
  if (f.prState === 'DRAFT') return at('IDLE', 'DRAFT');
  if (f.mergeable === 'CONFLICTING') return at('MERGE_CONFLICT');
  if (f.ci === 'FAILING') return at('CI_FAILED');
  if (f.ci === 'PENDING') return at('CI_RUNNING');
  if (f.reviewDecision === 'CHANGES_REQUESTED') return at('REVIEW_PENDING', 'CHANGES_REQUESTED');
  if (f.unresolvedThreads > 0) return at('REVIEW_PENDING', 'UNRESOLVED_THREADS');
  if (f.reviewDecision === 'REVIEW_REQUIRED') return at('REVIEW_PENDING', 'AWAITING_REVIEW');
  if (f.mergeable === 'UNKNOWN') return at('IDLE', 'MERGEABILITY_UNKNOWN');
  return at('READY');
}

/** What Ratchet does next in a state, given the workspace's settings; the card and the header show it. */
export function ratchetNextStep(
  placement: RatchetPlacement,
  settings: { ciFixes: boolean; reviewFixes: boolean; autoMerge: boolean },
): string {
  switch (placement.state) {
    case 'OFF':
      return 'Ratchet is off';
    case 'MERGED':
      return 'Nothing: the pull request is merged';
    case 'IDLE':
      return (
        {
          NO_PR: 'Waits for a pull request from this branch',
          DRAFT: 'Waits until the draft is marked ready for review',
          CLOSED: 'Nothing: the pull request is closed',
          MERGEABILITY_UNKNOWN: 'Checks again once GitHub knows whether it merges',
        }[placement.detail as 'NO_PR'] ?? 'Watches the pull request'
      );
    case 'MERGE_CONFLICT':
      return settings.ciFixes
        ? 'Syncs with the base and asks an agent to resolve the conflict'
        : 'Nothing: CI fixes (which cover conflicts) are off';
    case 'CI_FAILED':
      return settings.ciFixes
        ? 'Syncs with the base and asks an agent to fix the failing checks'
        : 'Nothing: CI fixes are off';
    case 'CI_RUNNING':
      return 'Waits for CI to finish';
    case 'REVIEW_PENDING':
      if (placement.detail === 'AWAITING_REVIEW') return 'Waits for a review';
      return settings.reviewFixes
        ? "Asks an agent to address allowed reviewers' comments, then replies on each thread"
        : 'Nothing: review fixes are off';
    case 'READY':
      return settings.autoMerge ? 'Merges the pull request' : 'Tells you it is ready to merge';
  }
}
