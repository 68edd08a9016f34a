import type { GitHubProblemView } from '../../shared/contract/github';
import type {
  RatchetOverrides,
  RatchetPhase,
  RatchetSettings,
  RatchetView,
} from '../../shared/contract/ratchet';
import type { Workspace } from '../../shared/contract/workspaces';
import { deriveRatchetState, type RatchetFacts, ratchetNextStep } from '../../shared/lib/ratchet-state';
import type { RatchetPull } from './ratchet-read';
import type { Progress } from './ratchet-repository';

/** What Ratchet holds in memory per workspace beside its stored progress. */
export interface Entry {
  overrides: RatchetOverrides;
  progress: Progress;
  pull: RatchetPull | null;
  problem: GitHubProblemView | null;
  waiting: string | null;
  lastCheckAt: number | null;
}

const PHASE: Record<string, RatchetPhase> = {
  SYNCING: 'SYNCING',
  FIXING: 'FIXING',
  PUSHING: 'PUSHING',
  REPLYING: 'REPLYING',
  MERGING: 'MERGING',
};

/** Ratchet as the card, the header and Admin → Ratchet show it: the state derived from the last read. */
export function buildView(
  workspace: Workspace,
  entry: Entry,
  settings: RatchetSettings,
  nextCheckAt: number | null,
): RatchetView {
  const placement = deriveRatchetState({
    enabled: workspace.ratchetEnabled,
    ...factsOf(workspace, entry.pull),
  });
  const { progress } = entry;
  const nextStep = progress.stalled
    ? `Stalled: ${progress.stalled}`
    : (entry.waiting ?? ratchetNextStep(placement, settings));
  return {
    workspaceId: workspace.id,
    enabled: workspace.ratchetEnabled,
    state: placement.state,
    detail: placement.detail,
    nextStep,
    phase: progress.attempt ? (PHASE[progress.attempt.phase] ?? 'WATCHING') : 'WATCHING',
    stalled: progress.stalled,
    waiting: entry.waiting,
    attempts: progress.attempts,
    lastAction: progress.lastAction,
    lastCheckAt: entry.lastCheckAt,
    nextCheckAt,
    sessionId: progress.sessionId,
    problem: entry.problem,
    settings,
    overrides: entry.overrides,
  };
}

/** The state's facts: from Ratchet's last read, else from the workspace's cached PR facts. */
function factsOf(workspace: Workspace, pull: RatchetPull | null): Omit<RatchetFacts, 'enabled'> {
  if (pull) {
    return {
      prState: pull.state,
      ci: pull.ci,
      mergeable: pull.mergeable,
      reviewDecision: pull.reviewDecision,
      unresolvedThreads: pull.threads.filter((t) => !t.resolved).length,
    };
  }
  const ci = { SUCCESS: 'PASSING', FAILURE: 'FAILING', PENDING: 'PENDING', NONE: 'NONE' } as const;
  return {
    prState: workspace.pr?.state ?? null,
    ci: workspace.ciState ? ci[workspace.ciState] : 'NONE',
    mergeable: workspace.hasMergeConflict ? 'CONFLICTING' : 'UNKNOWN',
    reviewDecision: workspace.reviewState && workspace.reviewState !== 'NONE' ? workspace.reviewState : null,
    unresolvedThreads: 0,
  };
}

export function describeNext(kind: string, pull: RatchetPull): string {
  const head = pull.headSha.slice(0, 12);
  if (kind === 'CI') {
    const names = pull.checks.filter((c) => c.state === 'FAILING').map((c) => c.name);
    return `CI failed on ${head}: ${names.join(', ')}`;
  }
  if (kind === 'CONFLICT') return `#${pull.number} conflicts with ${pull.baseRef}`;
  if (kind === 'REVIEW') return `New review comments on #${pull.number}`;
  return `#${pull.number} is ready to merge`;
}
