import type { RatchetView } from '@shared/contract/ratchet';
import type { RatchetState } from '@shared/lib/ratchet-state';
import type { Tone } from '../../ui/badge';

export const RATCHET_STATE_LABEL: Record<RatchetState, string> = {
  OFF: 'off',
  IDLE: 'idle',
  CI_RUNNING: 'CI running',
  CI_FAILED: 'CI failed',
  MERGE_CONFLICT: 'merge conflict',
  REVIEW_PENDING: 'review pending',
  READY: 'ready',
  MERGED: 'merged',
};

export const RATCHET_STATE_TONE: Record<RatchetState, Tone> = {
  OFF: 'neutral',
  IDLE: 'neutral',
  CI_RUNNING: 'info',
  CI_FAILED: 'danger',
  MERGE_CONFLICT: 'danger',
  REVIEW_PENDING: 'warn',
  READY: 'ok',
  MERGED: 'accent',
};

const PHASE_LABEL: Record<RatchetView['phase'], string | null> = {
  WATCHING: null,
  SYNCING: 'syncing with the base',
  FIXING: 'an agent is fixing it',
  PUSHING: 'pushing',
  REPLYING: 'replying on review threads',
  MERGING: 'merging',
};

/** What Ratchet is doing now, else what it will do next. */
export function ratchetNow(view: RatchetView): string {
  const phase = PHASE_LABEL[view.phase];
  if (phase) return `Now: ${phase}`;
  if (view.problem) return `Cannot read the PR: ${view.problem.message}`;
  return view.nextStep;
}
