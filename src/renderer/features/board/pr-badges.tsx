import type { Workspace } from '@shared/contract/workspaces';
import { Badge, type Tone } from '../../ui/badge';
import { openExternal } from '../workspace/open-external';

/** The PR's state as a person says it: review decisions of an open PR included. */
export function prStateOf(workspace: Workspace): { text: string; tone: Tone } | null {
  const { pr, reviewState } = workspace;
  if (!pr) return null;
  if (pr.state === 'MERGED') return { text: 'merged', tone: 'accent' };
  if (pr.state === 'CLOSED') return { text: 'closed', tone: 'neutral' };
  if (pr.state === 'DRAFT') return { text: 'draft', tone: 'neutral' };
  if (reviewState === 'CHANGES_REQUESTED') return { text: 'changes requested', tone: 'danger' };
  if (reviewState === 'APPROVED') return { text: 'approved', tone: 'ok' };
  return { text: 'open', tone: 'info' };
}

const CI: Record<string, { text: string; tone: Tone }> = {
  PENDING: { text: 'pending', tone: 'info' },
  SUCCESS: { text: 'passing', tone: 'ok' },
  FAILURE: { text: 'failing', tone: 'danger' },
};

/**
 * A workspace's pull request as the board and the header show it: state, CI (with the failing checks' names,
 * linked to their pages), unresolved review threads, conflicts, and what else the user should know. `compact`
 * (cards) lists at most three failing checks.
 */
export function PrBadges({ workspace, compact = false }: { workspace: Workspace; compact?: boolean }) {
  const { pr, ciState, prDetails } = workspace;
  const state = prStateOf(workspace);
  if (!pr || !state) return null;
  const ci = ciState ? CI[ciState] : undefined;
  const failing = prDetails?.failingChecks ?? [];
  const shown = compact ? failing.slice(0, 3) : failing;
  const open = pr.state === 'OPEN' || pr.state === 'DRAFT';
  return (
    <div className="pr-facts" data-ci={ciState ?? 'NONE'}>
      <span className="badge-row">
        <Badge tone={state.tone} label={`Pull request ${pr.number} ${state.text}`}>
          #{pr.number} {state.text}
        </Badge>
        {open && ci && (
          <Badge tone={ci.tone} label={`CI ${ci.text}`}>
            CI {ci.text}
          </Badge>
        )}
        {open && prDetails && prDetails.unresolvedThreads > 0 && (
          <Badge tone="warn" label={`${prDetails.unresolvedThreads} unresolved review threads`}>
            {prDetails.unresolvedThreads} unresolved
          </Badge>
        )}
        {open && prDetails?.mergeable === 'CONFLICTING' && (
          <Badge tone="danger" label="Merge conflicts with the base branch">
            conflicts
          </Badge>
        )}
      </span>
      {open && ciState === 'FAILURE' && failing.length > 0 && (
        <ul className="failing-checks" aria-label="Failing checks">
          {shown.map((check) => (
            <li key={check.name}>
              {check.url ? (
                <a
                  href={check.url}
                  target="_blank"
                  rel="noreferrer"
                  onClick={(e) => openExternal(e, check.url ?? undefined)}
                >
                  {check.name}
                </a>
              ) : (
                check.name
              )}
            </li>
          ))}
          {shown.length < failing.length && <li>+{failing.length - shown.length} more</li>}
        </ul>
      )}
      {prDetails?.note && (
        <p className="pr-note" role="note">
          {prDetails.note}
        </p>
      )}
    </div>
  );
}
