import type { Workspace } from '@shared/contract/workspaces';
import { Badge, type Tone } from '../../ui/badge';

const ciTone: Record<string, Tone> = { PENDING: 'info', SUCCESS: 'ok', FAILURE: 'danger', NONE: 'neutral' };
const reviewText: Record<string, string> = {
  APPROVED: 'approved',
  CHANGES_REQUESTED: 'changes requested',
  REVIEW_REQUIRED: 'review required',
};
const reviewTone: Record<string, Tone> = {
  APPROVED: 'ok',
  CHANGES_REQUESTED: 'danger',
  REVIEW_REQUIRED: 'warn',
};

/** PR number and state, CI and review state, from the workspace's cached GitHub facts. */
export function PrBadges({ workspace }: { workspace: Workspace }) {
  const { pr, ciState, reviewState } = workspace;
  if (!pr) return null;
  const state = (pr.state ?? 'OPEN').toLowerCase();
  return (
    <span className="badge-row">
      <Badge tone={pr.state === 'MERGED' ? 'accent' : 'neutral'} label={`Pull request ${pr.number} ${state}`}>
        #{pr.number} {state}
      </Badge>
      {ciState && ciState !== 'NONE' && (
        <Badge tone={ciTone[ciState]} label={`CI ${ciState.toLowerCase()}`}>
          CI {ciState.toLowerCase()}
        </Badge>
      )}
      {reviewState && reviewText[reviewState] && (
        <Badge tone={reviewTone[reviewState]} label={`Review ${reviewText[reviewState]}`}>
          {reviewText[reviewState]}
        </Badge>
      )}
    </span>
  );
}
